// Bring the statement into view inside its article (the article box scrolls, the page does not).
(function () {
  var said = document.getElementById("said");
  if (!said) return;
  var box = said.closest(".text");
  if (box) box.scrollTop = Math.max(0, said.offsetTop - box.offsetTop - box.clientHeight / 3);
})();
