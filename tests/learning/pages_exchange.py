"""Learning pages in the browser walk (axe, CSP, fonts): the catalogue's import and export pages."""

from tests.conftest import World


def browser_pages(role: str, world: World) -> list[tuple[str, int]]:
    if role == "anonymous":
        return []
    pages = [("/learning/catalogue/export/", 200)]
    pages.append(("/learning/catalogue/import/", 200 if role == "curator" else 403))
    return pages
