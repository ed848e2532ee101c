// Copy buttons of the snippets page. Without JavaScript the buttons stay hidden and the texts
// can still be selected and copied by hand.
document.querySelectorAll("button.tidings-copy").forEach(function (button) {
  button.hidden = false;
  var label = button.textContent;
  button.addEventListener("click", function () {
    var text = document.getElementById(button.dataset.copy).textContent;
    navigator.clipboard.writeText(text).then(function () {
      button.textContent = button.dataset.copied;
      setTimeout(function () { button.textContent = label; }, 2000);
    });
  });
});
