"""Where every number of the built-in channel table comes from (tidings.snippets.channels).

One constant per source: an official document's address, or, where no official page states a
number, a sentence saying so and naming where the number was found.
"""

X_DOC = "https://docs.x.com/fundamentals/counting-characters"
X_WEIGHTS = X_DOC + " ; weights: https://github.com/twitter/twitter-text/blob/master/config/v3.json"
FACEBOOK = "no official Meta page; composer limit as reported at https://ferryman.io/character-limits/facebook"
LINKEDIN = "LinkedIn's share box; the Posts API reference states no number, see https://www.ayrshare.com/docs/apis/post/social-networks/linkedin"
LITTLE_DOC = "https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/little-text-format"
MASTODON = (
    "https://github.com/mastodon/mastodon/blob/main/app/validators/status_length_validator.rb"
)
BLUESKY = "https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/feed/post.json"
THREADS_DOC = "https://developers.facebook.com/docs/threads/posts"
THREADS_LINKS = "https://developers.facebook.com/docs/threads/create-posts/text-attachments (over 5 links fail from 2025-12-22)"
TELEGRAM = (
    "https://core.telegram.org/bots/api#sendmessage (1-4096 characters after entities parsing); "
    "tdlib counts code points after cleaning (td/telegram/MessageContent.cpp, misc.cpp "
    "clean_input_string): never more than our UTF-16 count (tests/test_telegram_count.py)"
)
TELEGRAM_CAPTION = "https://core.telegram.org/bots/api#sendphoto (caption 0-1024 characters after entities parsing)"
LINE = "https://developers.line.biz/en/reference/messaging-api/#text-message ; unit: https://developers.line.biz/en/docs/messaging-api/text-character-count/"
VK = "unverified: no official VK page found; the limit VK API clients enforce for wall.post"
WEIBO = (
    "https://www.zdnet.com/article/chinas-weibo-beats-twitter-to-the-140-character-limit-lift-report/ "
    "(2,000 since 2016-02-28); Weibo's own API pages give no counting rule; write-ups of its "
    "composer (gist Last-Order/e7792d6d6c9e63ce08db652fec597763, cnblogs linxuanchen/p/2620820) "
    "count Latin-1 as half and a URL as 10: never more than our UTF-16 count, so it is kept"
)
WECHAT = "https://developers.weixin.qq.com/community/develop/doc/000804df7c4498640aab4f2d356c00 (the editor caps the digest at 120; draft_add allows 128)"
INSTAGRAM = "https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media (caption: 2,200 characters)"
INSTAGRAM_TAGS = "Instagram @creators, 2025-12-18: up to 5 hashtags per post or reel (https://www.socialsamosa.com/news-2/instagram-hashtags-five-per-post-10923075)"
OPEN_GRAPH = "The link preview comes from the page's Open Graph tags."
# The domestic platforms publish no limits a tool can cite (their help centres say nothing
# in the sources we could read, 2026-12); the numbers are what third-party upload tools
# enforce against the live web forms, with the repository and file, and the smallest where
# they disagree. UTF-16 units count Chinese as 1 and emoji as 2, never less than the forms.
UNVERIFIED = "unverified (no platform page found): "
DOUYIN = (
    UNVERIFIED
    + "image-post text 1000, github.com/dreammis/social-auto-upload uploader/douyin_uploader/main.py and github.com/HongjianLi/social-media-publisher douyin.js; the video title (30) is separate"
)
DOUYIN_TAGS = (
    UNVERIFIED + "5 topics, github.com/leaperone/MultiPost-Extension src/sync/video/douyin.ts"
)
DOUYIN_LINKS = "The open platform's video/create `text` field takes a title, #topics and @mentions; it warns against diverting traffic (links are not links)."
KUAISHOU = UNVERIFIED + "description 500, github.com/HongjianLi/social-media-publisher kuaishou.js"
KUAISHOU_TAGS = (
    UNVERIFIED + "3 topics (dreammis/social-auto-upload ks_uploader; MultiPost-Extension allows 4)"
)
BILIBILI = (
    UNVERIFIED
    + "250: the app endpoint refuses a longer description (error 21052, github.com/comwrg/bilibiliupload PR 24); the web form allows 2000 (github.com/SocialSisterYi/bilibili-API-collect docs/creativecenter/upload.md), the fan post sent with a video 255"
)
ZHIHU = (
    UNVERIFIED
    + "no limit for a 想法 found anywhere; 1000 is a cautious cap until checked in the composer"
)
