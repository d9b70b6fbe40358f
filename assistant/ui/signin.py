"""The chat's own sign-in page, shown at / when a password is set and the visitor has not signed in.

Gradio's login screen had no page title, no main landmark, no level-one heading and a button at 3.67:1
contrast (axe-core: serious), and its page carried the whole API description to anyone. This page is
plain HTML in both colour schemes, posts to Gradio's own /login (so Gradio's session, and ui/guard.py's
limit on wrong passwords, are unchanged) and reloads into the chat once signed in.
"""

from __future__ import annotations

from typing import Any

from assistant.render.html import esc
from assistant.ui.access import signed_in

TITLE = "Sign in — ALS exercise evidence assistant"

_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title><style>
:root {{ color-scheme: light dark; --bg: #ffffff; --text: #1a1a1a; --muted: #333333; --accent: #0b4f9c; --accent-text: #ffffff;
  --field: #ffffff; --rule: #555555; --warn-bg: #fff0c2; --warn-text: #5a3d00; }}
@media (prefers-color-scheme: dark) {{ :root {{ --bg: #0f141b; --text: #f2f2f2; --muted: #d0d0d0; --accent: #9cccff;
  --accent-text: #0f141b; --field: #161d27; --rule: #aaaaaa; --warn-bg: #3a2c00; --warn-text: #ffe08a; }} }}
body {{ margin: 0; background: var(--bg); color: var(--text); font: 18px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }}
main {{ max-width: 28rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }}
h1 {{ font-size: 1.6rem; margin: .5rem 0 1rem; }}
label {{ display: block; font-weight: 600; margin: 1rem 0 .3rem; }}
input {{ width: 100%; box-sizing: border-box; font: inherit; padding: .6rem .7rem; color: var(--text); background: var(--field);
  border: 2px solid var(--rule); border-radius: .4rem; }}
button {{ margin-top: 1.4rem; width: 100%; font: inherit; font-weight: 700; padding: .7rem; border: 0; border-radius: .4rem;
  background: var(--accent); color: var(--accent-text); cursor: pointer; }}
input:focus-visible, button:focus-visible {{ outline: 3px solid var(--accent); outline-offset: 2px; }}
.message:not(:empty) {{ background: var(--warn-bg); color: var(--warn-text); padding: .5rem .8rem; margin-top: 1rem; }}
.notice {{ color: var(--muted); margin-top: 2rem; }}
</style></head><body><main>
<h1>Sign in to the ALS exercise evidence assistant</h1>
<p>{message}</p>
<form id="signin" method="post" action="login">
<label for="username">Username</label><input id="username" name="username" autocomplete="username" required autofocus>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
<p class="message" id="message" role="alert"></p>
</form>
<p class="notice">This assistant informs; it does not replace your care team.</p>
</main><script>
document.getElementById('signin').addEventListener('submit', function (e) {{
  e.preventDefault();
  var message = document.getElementById('message');
  message.textContent = '';
  fetch('login', {{method: 'POST', body: new URLSearchParams(new FormData(e.target)), credentials: 'same-origin'}})
    .then(function (r) {{
      if (r.ok) {{ location.reload(); return; }}
      message.textContent = r.status === 429 ? 'Too many wrong tries. Please wait a minute and try again.'
                                             : 'The username or password is not right. Please try again.';
      document.getElementById('password').select();
    }})
    .catch(function () {{ message.textContent = 'The chat could not be reached. Please try again.'; }});
}});
</script></body></html>"""


def page(message: str) -> str:
    return _PAGE.format(title=esc(TITLE), message=esc(message))


class SignInPage:
    """ASGI middleware: GET / answers with the sign-in page until the visitor is signed in; all else passes."""

    def __init__(self, app: Any, gradio_app: Any, message: str) -> None:
        self.app, self.gradio_app, self.html = app, gradio_app, page(message)

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope.get("method") in ("GET", "HEAD") and scope.get("path") in ("/", ""):
            from starlette.requests import Request
            from starlette.responses import HTMLResponse

            if not signed_in(Request(scope), self.gradio_app):
                await HTMLResponse(self.html)(scope, receive, send)
                return
        await self.app(scope, receive, send)
