"""Cascades: from each train-the-trainer event, the facilitators trained, the sessions they ran and the people reached; capacity against demand (the facilitators part).
Pure: no Django."""
