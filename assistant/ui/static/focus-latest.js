// After an answer, the keyboard and screen-reader user lands on its lead (the next Tab is its first quote), and the
// answer's top is scrolled into view: the question box sits below the conversation, often off screen.
() => {
  const turns = document.querySelectorAll('#conversation article.turn');
  const last = turns[turns.length - 1];
  if (!last) return;
  const lead = last.querySelector('.lead');
  if (lead) { lead.setAttribute('tabindex', '-1'); lead.focus({preventScroll: true}); }
  last.scrollIntoView({block: 'start'});
}
