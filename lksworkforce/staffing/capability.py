"""What staffing offers the rest of the service (the app contract, core/capability.py)."""

from lksworkforce.core.capability import Capability, NavEntry
from lksworkforce.staffing.headcount import lks_headcount_by_region_in_years

CAPABILITY = Capability(
    label="staffing",
    urls="lksworkforce.staffing.urls",
    api="lksworkforce.staffing.api",
    navigation=(NavEntry("Staffing ratios", "staffing:dashboard", position=10),),
    demo="lksworkforce.staffing.demo.seed",
    tests="tests.staffing",
    benchmarks="benchmarks.staffing",
    lks_headcount=lks_headcount_by_region_in_years,
)
