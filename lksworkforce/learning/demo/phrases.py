"""The phrase tables the demo catalogue is composed from: our own words, plainly synthetic.

Pure data; no Django. `{name}` is a sub-area's name in lower case, `{Name}` with a capital."""

from lksworkforce.learning.vocabulary import ResourceKind, SheetKind

DEMO_URL_ROOT = "https://learning.demo.lksworkforce.invalid"  # the link checker's demo server answers it
GONE_PREFIX = "/gone/"  # answers 404 there
MOVED_PREFIX = "/moved/"  # answers 301 there
SYNTHETIC = "Synthetic demo resource."

# Plainly made up, so that nobody mistakes them for real providers.
PROVIDERS = (
    ("Synthetic Learning Co-operative (demo)", "synthetic-coop"),
    ("Example Health Libraries Network (demo)", "example-network"),
    ("Imaginary Knowledge Academy (demo)", "imaginary-academy"),
    ("Fictional Regional LKS Hub (demo)", "fictional-hub"),
    ("Placeholder University Library (demo)", "placeholder-university"),
    ("Made-up Professional Body (demo)", "made-up-body"),
)

# Kind -> title templates; each sub-area gets distinct ones, so titles never repeat.
TITLES: dict[ResourceKind, tuple[str, ...]] = {
    ResourceKind.E_LEARNING: ("{Name}: an introduction", "{Name} essentials", "Getting started with {name}"),
    ResourceKind.WEBINAR: ("{Name} in practice: a webinar", "Lunchtime webinar: {name} questions answered"),
    ResourceKind.READING: ("A short guide to {name}", "{Name}: key readings"),
    ResourceKind.TOOLKIT: ("{Name} toolkit", "Templates for {name}"),
    ResourceKind.PODCAST: ("Talking about {name}: a podcast",),
    ResourceKind.VIDEO: ("{Name} explained in ten minutes",),
    ResourceKind.COURSE: ("{Name}: a one-day workshop",),
    ResourceKind.MOOC: ("{Name} for health libraries: an open course",),
    ResourceKind.ACTIVITY: ("Try it yourself: a {name} exercise",),
}
KIND_WEIGHTS: dict[ResourceKind, float] = {
    ResourceKind.E_LEARNING: 0.22,
    ResourceKind.WEBINAR: 0.14,
    ResourceKind.READING: 0.16,
    ResourceKind.TOOLKIT: 0.1,
    ResourceKind.PODCAST: 0.07,
    ResourceKind.VIDEO: 0.09,
    ResourceKind.COURSE: 0.07,
    ResourceKind.MOOC: 0.05,
    ResourceKind.ACTIVITY: 0.1,
}
FORMATS: dict[ResourceKind, tuple[str, tuple[int, ...]]] = {  # format, possible lengths in minutes
    ResourceKind.E_LEARNING: ("Online, self-paced", (20, 30, 45, 60, 90)),
    ResourceKind.WEBINAR: ("Online, live and recorded", (45, 60, 90)),
    ResourceKind.READING: ("Online reading", (15, 20, 30, 45)),
    ResourceKind.TOOLKIT: ("Downloadable templates", (30, 60)),
    ResourceKind.PODCAST: ("Audio", (25, 35, 50)),
    ResourceKind.VIDEO: ("Video", (10, 15, 20)),
    ResourceKind.COURSE: ("Face to face", (180, 360, 420)),
    ResourceKind.MOOC: ("Online, tutor-supported over several weeks", (600, 900, 1200)),
    ResourceKind.ACTIVITY: ("An activity to do at work or at home", (30, 45, 60)),
}
PURPOSES = (
    "Covers the basics of {name} with worked examples from NHS library and knowledge services.",
    "For people who already do some {name} and want to do it with more confidence.",
    "Practical steps, a checklist and short case studies on {name}.",
    "Explains the ideas behind {name} and how they apply to a small library team.",
    "Helps you plan, do and reflect on a piece of {name} work in your own service.",
)
BAND_RANGES: tuple[tuple[tuple[str, str], float], ...] = (  # (band_from, band_to), weight; blank: any band
    (("", ""), 0.42),
    (("2", "4"), 0.2),
    (("1", "5"), 0.06),
    (("5", ""), 0.18),
    (("6", "8b"), 0.14),
)
AUDIENCES = {("2", "4"): " for library assistants", ("6", "8b"): " for experienced practitioners"}
LICENCES = ("", "", "CC BY 4.0", "CC BY-NC 4.0", "All rights reserved")

# Topic pages: slug, name, introduction, the sub-areas whose resources it gathers.
TOPICS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("costing-and-pricing", "Costing and pricing",
     "Working out what a service costs, setting prices for services to others, and making the case for a budget.",
     ("12.2", "12.6", "1.2")),
    ("lean-thinking", "Lean thinking",
     "Finding and removing waste in how a library service works, one small improvement at a time.",
     ("10.3", "12.4", "12.5")),
    ("literature-searching", "Literature searching",
     "From a first search of a healthcare database to a systematic search for an evidence review.",
     ("3.1", "3.2")),
    ("knowledge-mobilisation", "Knowledge mobilisation",
     "Helping what people know, and what the evidence says, reach the people who can use it.",
     ("6.3", "6.1", "6.2")),
    ("emerging-technologies", "Emerging technologies",
     "New digital tools, artificial intelligence and what they mean for library and knowledge services.",
     ("13.2", "13.1")),
    ("critical-appraisal", "Critical appraisal",
     "Judging how far to trust a study, and summarising the evidence for busy clinicians.",
     ("3.3", "3.4")),
    ("health-literacy", "Health literacy",
     "Helping patients and the public find, understand and use health information.",
     ("7.2",)),
    ("leading-and-influencing", "Leading and influencing",
     "Developing people, advocating for the service and building partnerships.",
     ("11.1", "11.2", "11.3")),
    ("copyright-and-licensing", "Copyright and licensing",
     "What staff may copy and share, and what the licences the service signs allow.",
     ("4.1",)),
)  # fmt: skip
CURATED_PER_TOPIC = 3  # the first few of each topic have a curated position

SHEETS: dict[SheetKind, tuple[str, str, tuple[ResourceKind, ...]]] = {
    SheetKind.ACTIVITIES: (
        "Activities for home or while the service is closed",
        "Synthetic demo sheet. Things to do that build your skills when you are working from home or the "
        "library is closed to users: short activities, reading, podcasts and videos.",
        (ResourceKind.ACTIVITY, ResourceKind.READING, ResourceKind.PODCAST, ResourceKind.VIDEO),
    ),
    SheetKind.CPD: (
        "CPD opportunities",
        "Synthetic demo sheet. Courses, webinars and e-learning for bands 2 to 4, chosen by the curators "
        "as good first steps in continuing professional development.",
        (ResourceKind.E_LEARNING, ResourceKind.WEBINAR, ResourceKind.COURSE, ResourceKind.MOOC),
    ),
}
SHEET_ENTRIES = 10
SHEET_NOTES = (
    "A good place to start.",
    "Ask your manager about time to do this.",
    "Works well with a colleague.",
    "Short enough for a quiet afternoon.",
    "Counts towards your CPD hours.",
)

# Learning records.
OTHER_LEARNING = (  # learning done outside the catalogue: (title, minutes)
    ("Journal club on a recent evidence review", 60),
    ("Shadowed a colleague at the enquiry desk", 120),
    ("Regional network meeting", 180),
    ("Read a chapter of a professional textbook", 45),
    ("Mentoring conversation", 60),
    ("Team training session on the library system", 90),
)
LEARNT = (
    "How to plan this step by step, and where I usually rush.",
    "A clearer way to explain this to users.",
    "That our service already does some of this well.",
    "Two tools I had not used before.",
    "",
)
WILL_DO = (
    "Try it with the next enquiry that fits.",
    "Share what I learnt at the team meeting.",
    "Write a short guide for colleagues.",
    "Ask for feedback from a user.",
    "",
)
# A person's CPD hours over the year, with weights: spread so that some meet the 20 hours and some do not.
HOURS_TARGETS = ((4, 0.2), (9, 0.25), (15, 0.25), (22, 0.2), (35, 0.1))
RECORDING_SHARE = 0.65  # of demo staff, those who keep a learning record
SHARED_WITH_MANAGER = 0.4

# Suggestions waiting for a curator: (title of a new resource, its path).
NEW_RESOURCE_IDEAS = (
    ("Searching for grey literature: a made-up guide", "/ideas/grey-literature"),
    ("Running a book club for staff wellbeing (demo idea)", "/ideas/staff-book-club"),
)
