"""The chat: the web server and its routes, the Gradio blocks, the page's CSS and script, sign-in, access rules and request limits."""
