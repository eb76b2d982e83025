// Quick exit: the link works on its own (it ends the session on the server and
// goes to the neutral site). This only replaces the current page in the
// browser's history, so Back does not return here.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a.quick-exit");
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) {
    return;
  }
  event.preventDefault();
  window.location.replace(link.href);
});
