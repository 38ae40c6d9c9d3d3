"""Everything the service needs from the test capability, in one place (lksworkforce/core/capability.py)."""

from lksworkforce.core.capability import Capability, HomeItem, HomeSection, NavEntry, Viewer

PROBE_PERMISSION = "contract_app.view_probe"


def probe_task(viewer: Viewer) -> HomeSection | None:
    """A task for those who may see the probe; nothing for everyone else. No query."""
    if not viewer.has_perm(PROBE_PERMISSION):
        return None
    return HomeSection("Contract probe", (HomeItem("Look at the probe", "/contract-probe/", "Waiting for you"),))


CAPABILITY = Capability(
    label="contract_app",
    urls="tests.contract_app.urls",
    api="tests.contract_app.api",
    navigation=(NavEntry("Contract probe", "contract_app:probe", position=90, permission=PROBE_PERMISSION),),
    demo="tests.contract_app.demo",
    tests="tests.contract_app",
    home_tasks=probe_task,
    home_position=90,
)
