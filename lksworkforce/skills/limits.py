"""How long each thing a person writes in a self-assessment or plan may be: one definition, used
by the forms, the API's schemas and the services (and so by the PDF, which a 250 KB reflection
once took half a minute to draw)."""

EVIDENCE_LIMIT = 2000  # how the person will show their learning, per sub-area
LINKS_TEXT_LIMIT = 2000  # the form's box of evidence links, one a line
LINK_LIMIT = 500  # one evidence link
REFLECTION_LIMIT = 5000
DESCRIPTION_LIMIT = 500  # a plan action: PlanAction.description
RESOURCE_URL_LIMIT = 500  # PlanAction.resource_url
KEY_LIMIT = 60  # a role profile's key (RoleProfile.key); sub-area numbers are shorter
