"""Who is offered a place when someone declines or withdraws: the waiting list in score order (the applications part).
Pure: no Django."""
