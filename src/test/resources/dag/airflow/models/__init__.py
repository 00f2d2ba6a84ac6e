"""Stub DAG, operator base and Variable: operators record their arguments; >> records dependencies."""

DAGS = []
_current = []


class Variable:
    """Reading a Variable while the file is parsed is what the DAG must not do: it fails here."""

    @staticmethod
    def get(*args, **kwargs):
        raise RuntimeError("Variable.get called while the DAG file is parsed; use {{ var.value.NAME }} templates")


class DAG:
    def __init__(self, dag_id, **kwargs):
        self.dag_id = dag_id
        self.kwargs = kwargs
        self.tasks = []
        DAGS.append(self)

    def __enter__(self):
        _current.append(self)
        return self

    def __exit__(self, *exc):
        _current.pop()
        return False


class BaseOperator:
    template_fields = ()

    def __init__(self, task_id, **kwargs):
        if not _current:
            raise RuntimeError(f"task {task_id} created outside a DAG")
        self.task_id = task_id
        self.kwargs = kwargs
        self.upstream = []
        self.dag = _current[-1]
        if any(t.task_id == task_id for t in self.dag.tasks):
            raise RuntimeError(f"task id {task_id} used twice")
        self.dag.tasks.append(self)

    def __rshift__(self, other):
        other.upstream.append(self.task_id)
        return other
