"""The viewer for command-line reports: the operator running `lksw` on the server sees everything."""


class SystemViewer:
    is_authenticated = True
    pk = None

    def holds(self, role: object) -> bool:
        return True

    def overseen_organisation_ids(self) -> set[int]:
        return set()
