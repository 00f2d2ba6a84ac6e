"""Compiles a DAG file against the airflow stub beside this script and prints its task graph as JSON, with each
templated field rendered as Airflow would for the given Variables and logical date.

usage: python3 inspect_dag.py DAG_FILE VARIABLES_JSON DS
Templates may use only {{ ds }}, {{ ds_nodash }}, {{ var.value.NAME }} and {{ var.value.get('NAME', 'default') }}.
"""
import importlib.util
import json
import os
import re
import shlex
import sys
from datetime import timedelta

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import airflow.models  # noqa: E402  (the stub)

dag_file, variables, ds = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3]
context = {"ds": ds, "ds_nodash": ds.replace("-", "")}


def value(expression):
    if expression in context:
        return context[expression]
    m = re.fullmatch(r"var\.value\.(\w+)", expression)
    if m:
        if m.group(1) not in variables:
            raise KeyError(f"Airflow Variable {m.group(1)} is not set")
        return variables[m.group(1)]
    m = re.fullmatch(r"var\.value\.get\(\s*'(\w+)'\s*,\s*'([^']*)'\s*\)", expression)
    if m:
        return variables.get(m.group(1), m.group(2))
    raise ValueError(f"template expression not understood: {{{{ {expression} }}}}")


def render(text):
    return re.sub(r"\{\{\s*(.*?)\s*\}\}", lambda m: value(m.group(1)), text)


spec = importlib.util.spec_from_file_location("dag_under_test", dag_file)
spec.loader.exec_module(importlib.util.module_from_spec(spec))


def seconds(v):
    return v.total_seconds() if isinstance(v, timedelta) else v


out = []
for dag in airflow.models.DAGS:
    tasks = []
    for t in dag.tasks:
        entry = {"id": t.task_id, "type": type(t).__name__, "upstream": sorted(t.upstream),
                 "retries": t.kwargs.get("retries"), "retry_delay_s": seconds(t.kwargs.get("retry_delay")),
                 "execution_timeout_s": seconds(t.kwargs.get("execution_timeout"))}
        for field in t.template_fields:
            if getattr(t, field, None) is not None:
                entry[field] = render(getattr(t, field))
        if "bash_command" in entry:
            # The shell words, as bash splits them: cd DIR && ./submit.sh JOB ARGS...
            words = shlex.split(entry["bash_command"])
            if words[:1] != ["cd"] or words[2:4] != ["&&", "./submit.sh"]:
                raise ValueError(f"{t.task_id}: expected 'cd HOME && ./submit.sh ...', got {entry['bash_command']}")
            entry["cwd"] = words[1]
            entry["argv"] = words[4:]
        tasks.append(entry)
    out.append({"dag_id": dag.dag_id, "max_active_runs": dag.kwargs.get("max_active_runs"),
                "schedule": dag.kwargs.get("schedule"), "tasks": tasks})
json.dump(out, sys.stdout, indent=1)
