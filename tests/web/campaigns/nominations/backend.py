"""A task backend for tests: runs a task at once, or keeps it for later if it asks to wait.

Like django-tasks' immediate backend, a task runs inside ``enqueue``; unlike
it, an error in a task fails the test instead of being recorded quietly,
and a task queued with ``run_after`` in the future is kept in ``later``
until :meth:`RunNowOrLater.run_due` runs it (under ``time_machine``), as the
database backend's worker would on its day. Arguments go through JSON, as
they do on their way into the database.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import timezone
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import Task, TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id


@dataclass
class Later:
    task: Task
    args: list[Any]
    kwargs: dict[str, Any]

    @property
    def run_after(self) -> datetime:
        assert self.task.run_after is not None
        return self.task.run_after


class RunNowOrLater(BaseTaskBackend):
    supports_defer = True
    supports_priority = True

    def __init__(self, alias: str, params: dict) -> None:
        super().__init__(alias, params)
        self.later: list[Later] = []

    def enqueue(self, task: Task, args: Any, kwargs: Any) -> TaskResult:
        self.validate_task(task)
        args, kwargs = json.loads(json.dumps([list(args), dict(kwargs)]))
        now = timezone.now()
        if task.run_after is not None and task.run_after > now:
            self.later.append(Later(task, args, kwargs))
            status, value = TaskResultStatus.READY, None
        else:
            status, value = TaskResultStatus.SUCCESSFUL, task.call(*args, **kwargs)
        result: TaskResult = TaskResult(
            task=task,
            id=get_random_id(),
            status=status,
            enqueued_at=now,
            started_at=now if value is not None else None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        object.__setattr__(result, "_return_value", value)
        return result

    def run_due(self) -> list[Any]:
        """Run every kept task whose time has come; return what each returned."""
        now = timezone.now()
        due = [item for item in self.later if item.run_after <= now]
        self.later = [item for item in self.later if item.run_after > now]
        return [item.task.call(*item.args, **item.kwargs) for item in due]
