"""The channel table, mkdocs.yml overrides and the locale mapping."""

from __future__ import annotations

from typing import Any

import pytest

from tidings.errors import TidingsError
from tidings.snippets.channels import (
    BUILTIN,
    DEFAULT_LOCALES,
    Channel,
    Limit,
    channels_for_locale,
    check_locale_mapping,
    check_template,
    load_channels,
    serves,
)

IDS = [
    "x",
    "facebook",
    "linkedin",
    "mastodon",
    "bluesky",
    "threads",
    "telegram",
    "line",
    "vk",
    "weibo",
    "wechat",
    "instagram",
]


def limits(channel: Channel) -> list[tuple[str, int]]:
    return [(limit.counter, limit.limit) for limit in channel.limits]


def test_every_requested_channel_is_built_in() -> None:
    assert set(IDS) <= set(BUILTIN)
    assert all(cid == channel.id for cid, channel in BUILTIN.items())


@pytest.mark.parametrize("channel", BUILTIN.values(), ids=list(BUILTIN))
def test_every_number_has_a_source(channel: Channel) -> None:
    assert channel.limits
    for limit in channel.limits:
        assert limit.limit > 0
        assert limit.source.strip()
    for number in ("url_length", "max_hashtags", "max_links"):
        if getattr(channel, number) is not None:
            assert getattr(channel, f"{number}_source").strip(), number
    if channel.escape:
        assert channel.escape_source.strip()
    assert check_template(channel.template) is None


def test_the_numbers() -> None:
    assert limits(BUILTIN["x"]) == [("twitter", 280)]
    assert BUILTIN["x"].url_length == 23
    assert limits(BUILTIN["mastodon"]) == [("mastodon", 500)]
    assert BUILTIN["mastodon"].url_length == 23
    assert limits(BUILTIN["bluesky"]) == [("graphemes", 300), ("utf8", 3000)]
    assert BUILTIN["bluesky"].url_length is None
    assert limits(BUILTIN["threads"]) == [("threads", 500)]
    assert (BUILTIN["threads"].max_hashtags, BUILTIN["threads"].max_links) == (1, 5)
    assert limits(BUILTIN["telegram"]) == [("utf16", 4096)]
    assert limits(BUILTIN["telegram-caption"]) == [("utf16", 1024)]
    assert limits(BUILTIN["line"]) == [("utf16", 5000)]
    assert limits(BUILTIN["facebook"]) == [("utf16", 63206)]
    assert limits(BUILTIN["vk"]) == [("utf16", 16384)]
    assert limits(BUILTIN["linkedin"]) == [("utf16", 3000)]
    assert limits(BUILTIN["weibo"]) == [("utf16", 2000)]
    assert BUILTIN["weibo"].hashtag_style == "weibo"
    assert limits(BUILTIN["wechat"]) == [("chars", 120)]
    assert BUILTIN["wechat"].hashtag_style == "none"
    instagram = BUILTIN["instagram"]
    assert limits(instagram) == [("utf16", 2200)]
    assert instagram.max_hashtags == 5 and not instagram.links_clickable
    assert "{url}" not in instagram.template
    assert "2025-12-18" in instagram.max_hashtags_source


def test_linkedin_escapes_the_little_reserved_characters() -> None:
    assert set(BUILTIN["linkedin"].escape) == set("\\|{}@[]()<>#*_~")
    assert "little-text-format" in BUILTIN["linkedin"].escape_source


def test_no_overrides_gives_the_built_in_table() -> None:
    channels = load_channels(None)
    assert channels == BUILTIN
    assert channels is not BUILTIN


def test_override_a_field_of_a_built_in_channel() -> None:
    channels = load_channels(
        {
            "mastodon": {"limits": [{"counter": "graphemes", "limit": 5000}]},
            "x": {"template": "{text}\n{url}"},
        }
    )
    assert channels["mastodon"].limits == (
        Limit("graphemes", 5000, "mkdocs.yml (channels.mastodon)"),
    )
    assert channels["mastodon"].url_length == 23
    assert channels["x"].template == "{text}\n{url}"
    assert BUILTIN["mastodon"].limits[0].limit == 500


def test_override_numbers_are_credited_to_the_config() -> None:
    channels = load_channels({"threads": {"max_links": 3}}, path="site/mkdocs.yml")
    assert channels["threads"].max_links == 3
    assert channels["threads"].max_links_source == "site/mkdocs.yml (channels.threads)"


def test_add_a_new_channel() -> None:
    channels = load_channels(
        {
            "misskey": {
                "name": "Misskey",
                "limits": {"graphemes": 3000},
                "url_length": None,
                "hashtag_style": "hash",
            },
            "kakao": {
                "name": "KakaoTalk channel",
                "limits": [
                    {"counter": "utf16", "limit": 1000, "source": "https://example.org/kakao"}
                ],
                "template": "{text} {url}",
                "utm": False,
            },
        }
    )
    assert channels["misskey"] == Channel(
        "misskey", "Misskey", (Limit("graphemes", 3000, "mkdocs.yml (channels.misskey)"),)
    )
    assert channels["kakao"].limits[0].source == "https://example.org/kakao"
    assert channels["kakao"].utm is False


BAD: list[tuple[Any, str]] = [
    (
        {"x": {"colour": "blue"}},
        "mkdocs.yml: channels.x: unknown field 'colour' (known: name, limits,",
    ),
    ({"x": {"id": "y"}}, "mkdocs.yml: channels.x: unknown field 'id'"),
    (
        {"x": {"limits": [{"counter": "words", "limit": 5}]}},
        "channels.x: unknown counter 'words' (known: twitter, graphemes, mastodon, utf16, utf8, chars, threads)",
    ),
    (
        {"x": {"limits": [{"counter": "utf8", "limit": "many"}]}},
        "channels.x: 'limit' must be a whole number >= 0, not 'many'",
    ),
    (
        {"x": {"limits": [{"counter": "utf8", "limit": 5, "unit": "b"}]}},
        "channels.x: unknown key 'unit' in limits",
    ),
    ({"x": {"limits": []}}, "channels.x: 'limits' needs at least one limit"),
    ({"x": {"limits": "280"}}, "channels.x: 'limits' must be a list"),
    (
        {"x": {"max_hashtags": True}},
        "channels.x: 'max_hashtags' must be a whole number >= 0 or null, not True",
    ),
    ({"x": {"utm": "yes"}}, "channels.x: 'utm' must be true or false, not 'yes'"),
    (
        {"x": {"hashtag_style": "bold"}},
        "channels.x: unknown hashtag_style 'bold' (known: hash, weibo, none)",
    ),
    ({"x": {"template": "{body} {url}"}}, "unknown placeholder {body}"),
    ({"x": {"template": "{url}"}}, "has no {text}"),
    ({"x": {"template": "{text} {text}"}}, "repeats a placeholder"),
    ({"x": {"template": "{text"}}, "is not a valid format string"),
    ({"x": {"name": 7}}, "channels.x: 'name' must be text, not 7"),
    ({"x": "twitter"}, "channels.x: expected a mapping of fields"),
    ({"Bad Id": {"name": "B"}}, "channels: bad channel id 'Bad Id'"),
    ({"misskey": {"name": "Misskey"}}, "channels.misskey: a new channel needs 'limits'"),
    ({"misskey": {"limits": {"chars": 5}}}, "channels.misskey: a new channel needs 'name'"),
]


@pytest.mark.parametrize(("overrides", "message"), BAD)
def test_bad_overrides_name_the_file_and_the_field(overrides: Any, message: str) -> None:
    with pytest.raises(TidingsError) as caught:
        load_channels(overrides)
    assert caught.value.path == "mkdocs.yml"
    assert message in str(caught.value)


def test_error_carries_the_given_path() -> None:
    with pytest.raises(TidingsError, match=r"^docs/mkdocs\.yml: channels\.x: unknown field 'foo'"):
        load_channels({"x": {"foo": 1}}, path="docs/mkdocs.yml")


@pytest.mark.parametrize(
    ("locale", "expected", "not_expected"),
    [
        ("en", {"x", "bluesky", "instagram", "telegram"}, {"vk", "line", "weibo", "wechat"}),
        ("ru", {"x", "vk", "telegram"}, {"line", "weibo"}),
        ("ru-RU", {"vk"}, set()),
        ("ja", {"line", "x"}, {"weibo", "vk"}),
        ("th", {"line"}, {"weibo"}),
        ("zh", {"weibo", "wechat"}, {"line"}),
        ("zh-Hans", {"weibo", "wechat"}, {"line"}),
        ("zh_Hans_CN", {"weibo"}, {"line"}),
        ("zh-Hant", {"line"}, {"weibo", "wechat"}),
    ],
)
def test_default_locale_mapping(locale: str, expected: set[str], not_expected: set[str]) -> None:
    chosen = set(channels_for_locale(None, locale))
    assert expected <= chosen
    assert not (not_expected & chosen)


def test_locale_mapping_keeps_its_order() -> None:
    mapping = {"vk": ["ru"], "x": "all", "line": ["ja", "zh-Hant"], "weibo": "zh"}
    assert channels_for_locale(mapping, "ru") == ["vk", "x"]
    assert channels_for_locale(mapping, "zh-Hant") == ["x", "line"]
    assert channels_for_locale(mapping, "zh-CN") == ["x", "weibo"]
    assert channels_for_locale({}, "en") == []


def test_serves() -> None:
    assert serves("pt", "pt-BR")
    assert serves("pt-BR", "pt_br")
    assert not serves("pt-BR", "pt")
    assert not serves("zh", "zh-Hant-TW")
    assert serves("zh-Hant", "zh-Hant-TW")
    assert not serves("z", "zh")


def test_default_mapping_names_only_built_in_channels() -> None:
    check_locale_mapping(DEFAULT_LOCALES, BUILTIN)


def test_check_locale_mapping() -> None:
    with pytest.raises(TidingsError, match="locales: unknown channel 'orkut'"):
        check_locale_mapping({"orkut": "all"}, BUILTIN)
    with pytest.raises(TidingsError, match=r"locales\.vk: expected \"all\" or a list of locales"):
        check_locale_mapping({"vk": 7}, BUILTIN)


def test_the_domestic_channels_follow_their_forms() -> None:
    """Douyin and Kuaishou take `#话题 ` topics and no links; Bilibili and Zhihu `#话题#`.
    The numbers are unverified (no platform page states them) and say so in their source."""
    from tidings.snippets.fitting import fit

    tags = ["运河漫步", "看见滨江", "城市", "青年", "留学生", "文旅"]
    url = "https://tidings.example.org/stories/canal-city-walk/"
    douyin = fit("一次运河边的城市漫步。", BUILTIN["douyin"], url=url, hashtags=tags)
    assert url not in douyin.text and douyin.text.count("#") == 5  # at most 5 topics
    kuaishou = fit("一次运河边的城市漫步。", BUILTIN["kuaishou"], url=url, hashtags=tags)
    assert url not in kuaishou.text and kuaishou.text.count("#") == 3
    for cid in ("bilibili", "zhihu"):
        post = fit("一次运河边的城市漫步。", BUILTIN[cid], url=url, hashtags=tags[:2])
        assert "#运河漫步# #看见滨江#" in post.text and url in post.text
    long = "长" * 300
    assert fit(long, BUILTIN["bilibili"], url=url).truncated  # 250 UTF-16 units at most
    for cid in ("douyin", "kuaishou", "bilibili", "zhihu"):
        assert all(limit.source.startswith("unverified") for limit in BUILTIN[cid].limits)
