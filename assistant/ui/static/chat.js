// A whole source opens in a tab this page opens by script, so that the source page's "Back to the chat" may close
// it and leave the reader in this conversation (a tab opened by a plain link cannot be closed by its page). One
// listener on the page, not a handler in each answer: answers never carry event attributes.
// A paste longer than the question box holds is cut by the browser: say so at once, before anything is asked.
document.addEventListener('click', function (e) {
  var a = e.target.closest && e.target.closest('a.whole');
  if (a && !e.ctrlKey && !e.metaKey && !e.shiftKey) { e.preventDefault(); window.open(a.href, '_blank'); }
});
// "Ask it on its own" under an answer's "Understood as" presses the page's own button of that name.
document.addEventListener('click', function (e) {
  var alone = e.target.closest && e.target.closest('.alone button');
  var button = alone && document.getElementById('as-written');
  if (button) button.click();
});
document.addEventListener('paste', function (e) {
  var box = e.target, note = document.getElementById('paste-note');
  if (!note || !box.closest || !box.closest('#question')) return;
  var limit = Number(note.dataset.limit);
  var text = (e.clipboardData && e.clipboardData.getData('text')) || '';
  var room = limit - (box.value.length - ((box.selectionEnd || 0) - (box.selectionStart || 0)));
  note.textContent = text.length > room
    ? 'Your paste had ' + text.length.toLocaleString('en') + ' characters; only the first ' + Math.max(room, 0).toLocaleString('en') +
      ' were kept (a question can be up to ' + limit.toLocaleString('en') + '). Please check it before asking.'
    : '';
});
