"""Learning completed in other apps (a programme's cohort), added to the person's learning record once."""

from lksworkforce.core.capability import CompletedLearning


class ProgrammeLearningRecorder:
    def record_completed(self, person_id: int, learning: CompletedLearning) -> None:
        """Adds the learning to the person's record once (again with the same key: nothing changes)."""
        # filled in by the attendance part


RECORDER = ProgrammeLearningRecorder()
