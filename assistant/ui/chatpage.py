"""The chat page's own script and style: plain strings, handed to Gradio by app.py. No text from a user or a
source is ever put in them."""

# A whole source opens in a tab this page opens by script, so that the source page's "Back to the chat" may close
# it and leave the reader in this conversation (a tab opened by a plain link cannot be closed by its page). One
# listener on the page, not a handler in each answer: answers never carry event attributes.
# A paste longer than the question box holds is cut by the browser: say so at once, before anything is asked.
HEAD = """<script>
document.addEventListener('click', function (e) {
  var a = e.target.closest && e.target.closest('a.whole');
  if (a && !e.ctrlKey && !e.metaKey && !e.shiftKey) { e.preventDefault(); window.open(a.href, '_blank'); }
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
</script>"""

# After an answer, the keyboard and screen-reader user lands on its lead (the next Tab is its first quote), and the
# answer's top is scrolled into view: the question box sits below the conversation, often off screen.
FOCUS_LATEST = """() => {
  const turns = document.querySelectorAll('#conversation article.turn');
  const last = turns[turns.length - 1];
  if (!last) return;
  const lead = last.querySelector('.lead');
  if (lead) { lead.setAttribute('tabindex', '-1'); lead.focus({preventScroll: true}); }
  last.scrollIntoView({block: 'start'});
}"""


# Light by default; Gradio puts `dark` on <body> when the phone or browser asks for a dark scheme, and every colour
# set here has a dark counterpart below (WCAG AA in both; the browser tests run axe in both schemes).
CSS = """
:root, .gradio-container { --text-xxs: 16px; --text-xs: 16px; --text-sm: 16px; --text-md: 18px; --text-lg: 20px; --text-xl: 24px; }
body:not(.dark) .gradio-container, body:not(.dark) {
  --body-text-color: #1a1a1a; --body-text-color-subdued: #3d3d3d; --block-label-text-color: #1a1a1a; --block-title-text-color: #1a1a1a;
  --block-info-text-color: #3d3d3d; --input-placeholder-color: #595959; --link-text-color: #0b4f9c;
  --button-primary-background-fill: #0b4f9c; --button-primary-background-fill-hover: #093f7d; --button-primary-text-color: #ffffff;
  --button-secondary-text-color: #1a1a1a; --button-secondary-background-fill: #e6e9ee;
  --c-text: #1a1a1a; --c-muted: #333333; --c-link: #0b4f9c; --c-rule: #c9d3de; --c-notice-bg: #eef4fb; --c-panel-bg: #f8fafc;
  --c-hover: #f1f5fa; --c-warn-bg: #fff0c2; --c-warn-text: #5a3d00; --c-warn-rule: #8a6d00; --c-none-bg: #eeeeee; --c-none-rule: #555555;
  --c-no: #8b1a1a; --c-yes: #1d5e20; --c-mixed: #5a3d00; }
body.dark .gradio-container, body.dark {
  --body-text-color: #f2f2f2; --body-text-color-subdued: #d6d6d6; --block-label-text-color: #f2f2f2; --block-title-text-color: #f2f2f2;
  --block-info-text-color: #d6d6d6; --input-placeholder-color: #b0b0b0; --link-text-color: #9cccff;
  --button-primary-background-fill: #0b4f9c; --button-primary-background-fill-hover: #1660b5; --button-primary-text-color: #ffffff;
  --button-secondary-text-color: #f2f2f2; --button-secondary-background-fill: #2b3442;
  --c-text: #f2f2f2; --c-muted: #d0d0d0; --c-link: #9cccff; --c-rule: #44505f; --c-notice-bg: #14263b; --c-panel-bg: #161d27;
  --c-hover: #1f2a38; --c-warn-bg: #3a2c00; --c-warn-text: #ffe08a; --c-warn-rule: #e0b000; --c-none-bg: #2a2a2a; --c-none-rule: #aaaaaa;
  --c-no: #ffaaaa; --c-yes: #9be09b; --c-mixed: #ffd36b; }
.gradio-container { font-size: 18px; line-height: 1.55; max-width: 60rem !important; margin: 0 auto; color: var(--c-text); }
.gradio-container h1 { font-size: 1.7rem; margin: .5rem 0; color: var(--c-text); }
.notice { background: var(--c-notice-bg); border-left: 5px solid var(--c-link); padding: .6rem .9rem; color: var(--c-text); }
.welcome { color: var(--c-text); }
.turn { border-top: 2px solid var(--c-rule); padding: .8rem 0 1rem; color: var(--c-text); }
.turn .question { font-size: 1.15rem; font-weight: 700; margin: 0 0 .4rem; color: var(--c-text); }
.turn .who { color: var(--c-muted); font-weight: 400; }
.badge { display: inline-block; font-weight: 700; padding: .15rem .6rem; border-radius: .4rem; margin: .2rem 0; }
.badge-disagree { background: var(--c-warn-bg); color: var(--c-warn-text); border: 2px solid var(--c-warn-rule); }
.badge-none { background: var(--c-none-bg); color: var(--c-text); border: 2px solid var(--c-none-rule); }
.lead { font-weight: 600; color: var(--c-text); }
.understood { color: var(--c-muted); margin: 0 0 .4rem; border-left: 4px solid var(--c-rule); padding-left: .6rem; }
.side h3 { font-size: 1.05rem; margin: .8rem 0 .2rem; border-bottom: 1px solid var(--c-rule); }
.side-against h3 { color: var(--c-no); } .side-for h3 { color: var(--c-yes); } .side-mixed h3 { color: var(--c-mixed); }
.side-none h3 { color: var(--c-text); }
.source h4 { font-size: 1rem; margin: .5rem 0 0; color: var(--c-text); }
.weight { color: var(--c-muted); margin: 0 0 .2rem; font-size: 16px; }
.quotes { list-style: none; padding-left: 0; margin: .2rem 0; }
.cite summary { cursor: pointer; padding: .25rem .3rem; border-radius: .3rem; color: var(--c-text); }
.cite summary:hover { background: var(--c-hover); }
.cite .num { font-weight: 700; color: var(--c-link); }
.cite .hint { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.under { color: var(--c-muted); font-size: 16px; }
.caveats { margin-top: 1rem; }
.cite-body { border-left: 4px solid var(--c-link); margin: .3rem 0 .6rem .4rem; padding: .3rem .8rem; background: var(--c-panel-bg); color: var(--c-text); }
.cite-body dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .8rem; margin: 0; font-size: 16px; }
.cite-body dt { font-weight: 700; }
.cite-body dd { margin: 0; }
.context { margin: .4rem 0; font-style: normal; }
mark.cited { background: #ffe27a; color: #000; padding: 0 2px; }
.refs summary, .share a, .jump, a.whole, .gradio-container a { color: var(--c-link); }
.caveats { font-size: 16px; }
.paste-note:not(:empty) { background: var(--c-warn-bg); color: var(--c-warn-text); border-left: 5px solid var(--c-warn-rule); padding: .4rem .8rem; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.gradio-container a:focus-visible, .gradio-container summary:focus-visible, .gradio-container button:focus-visible,
.gradio-container input:focus-visible, .gradio-container textarea:focus-visible, .gradio-container [tabindex]:focus-visible {
  outline: 3px solid var(--c-link) !important; outline-offset: 2px; }
"""
