"""Writing the demo development needs surveys and responses: part of demo_seed's transaction."""


def seed_surveys(seed: int) -> list[str]:  # noqa: ARG001 - to be written
    """Write demo surveys and responses; lines for the summary."""
    return []


def remove_demo_surveys() -> None:
    """Delete demo survey data, before demo people and organisations are removed."""
