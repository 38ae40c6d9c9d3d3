"""nonprod offers the demo seed's own benchmark (the app contract, core/capability.py)."""

from lksworkforce.core.capability import Capability

CAPABILITY = Capability(label="nonprod", benchmarks="benchmarks.seeding")
