"""Just enough of a browser for the admin over real HTTP (a live server, or `make bench`):
cookies, CSRF tokens, a login and an article's change form sent back edited."""

import html
import http.client
import re
from urllib.parse import urlencode

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Browser:
    def __init__(self, port: int) -> None:
        self.port, self.cookies = port, {}

    def send(self, method: str, path: str, data: dict | None = None) -> tuple[int, str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = ""
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            page = response.read().decode()
        finally:
            conn.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";")[0]
        return response.status, page

    def token(self, page: str) -> str:
        return CSRF.search(page).group(1)

    def log_in(self, username: str, password: str, code: str = "") -> int:
        """The status of the login post: 302 when it worked. `code`: the second factor
        production asks for (DJANGO_REQUIRE_MFA), such as a one-time code from
        `manage.py addstatictoken`."""
        _, page = self.send("GET", "/admin/login/")
        login = {
            "username": username,
            "password": password,
            "otp_token": code,
            "csrfmiddlewaretoken": self.token(page),
        }
        return self.send("POST", "/admin/login/?next=/admin/", login)[0]

    def edit_article(self, article_id: int, added_line: str) -> tuple[int, str]:
        """Add a paragraph to the article's body in the admin and save it."""
        form = self.article_form(f"/admin/articles/article/{article_id}/change/")
        form["body"] = form["body"] + f"\n\n{added_line}\n"
        return self.send("POST", form.pop("_path"), form)

    def article_form(self, path: str) -> dict:
        """The admin's change form for an article, as a browser would send it back."""
        _, page = self.send("GET", path)
        form = {"_path": path, "csrfmiddlewaretoken": self.token(page), "_save": "Save"}
        for tag in re.finditer(r"<(input|textarea|select)\b([^>]*)>", page):
            attrs = dict(re.findall(r'(\w[\w-]*)="([^"]*)"', tag.group(2)))
            name = attrs.get("name")
            if not name or name.startswith("_") or name in form:
                continue
            if tag.group(1) == "textarea":
                end = page.index("</textarea>", tag.end())
                form[name] = html.unescape(page[tag.end() : end]).lstrip("\n")
            elif tag.group(1) == "select":
                end = page.index("</select>", tag.end())
                form[name] = re.findall(
                    r'<option value="([^"]*)"[^>]*selected', page[tag.end() : end]
                )
            elif attrs.get("type") in {"checkbox", "radio"}:
                if "checked" in tag.group(2):
                    form.setdefault(name, []).append(attrs.get("value", "on"))
            elif attrs.get("type") not in {"submit", "button", "file"}:
                form[name] = html.unescape(attrs.get("value", ""))
        return form
