"""Airflow DAG of the nightly airesilience refresh.

jobs/pipeline.json is the plan: a sensor waits for the night's raw partition (<lake>/raw/patents/dt=YYYY-MM-DD/),
then each task runs one ./submit.sh job with the options a user would type, so production runs the commands users
run by hand. Settings are Airflow Variables, read through templates when a task runs (never while the scheduler
parses this file):

  airesilience_home        the project checkout on the workers (submit.sh, conf/)
  airesilience_lake        the data-lake root, e.g. /data/lake
  airesilience_spark_args  optional spark-submit options, e.g. "--master yarn --deploy-mode cluster"

Retries, retry delay and execution timeouts come from pipeline.json ("defaults", overridable per task).
"""
import json
import os
import shlex
from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.bash import BashOperator
from airflow.sensors.filesystem import FileSensor

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "pipeline.json"), encoding="utf-8") as f:
    PIPELINE = json.load(f)

HOME = "{{ var.value.airesilience_home }}"
SPARK_ARGS = "{{ var.value.get('airesilience_spark_args', '') }}"
PLACEHOLDERS = {
    "{lake}": "{{ var.value.airesilience_lake }}",
    "{ds}": "{{ ds }}",
    "{ds_nodash}": "{{ ds_nodash }}",
}


def expand(text):
    for placeholder, template in PLACEHOLDERS.items():
        text = text.replace(placeholder, template)
    return text


def command(spec):
    """cd to the checkout, then ./submit.sh <job> [spark-submit options] <job options>, each argument quoted."""
    args = " ".join(shlex.quote(expand(a)) for a in spec["args"])
    return f"cd {shlex.quote(HOME)} && ./submit.sh {spec['job']} {SPARK_ARGS} {args}"


def limits(spec):
    """Retries, retry delay and execution timeout of a task: its own, else the pipeline's defaults."""
    d = PIPELINE["defaults"]
    return {
        "retries": spec.get("retries", d["retries"]),
        "retry_delay": timedelta(minutes=spec.get("retry_delay_minutes", d["retry_delay_minutes"])),
        "execution_timeout": timedelta(minutes=spec.get("execution_timeout_minutes", d["execution_timeout_minutes"])),
    }


with DAG(
    dag_id="airesilience_nightly",
    description=PIPELINE["description"],
    start_date=datetime(2026, 1, 1),
    schedule="@daily",
    catchup=False,
    # One night at a time: two runs never write the lake at once.
    max_active_runs=1,
    tags=["airesilience"],
) as dag:
    sensor = PIPELINE["sensor"]
    tasks = {
        sensor["id"]: FileSensor(
            task_id=sensor["id"],
            filepath=expand(sensor["path"]),
            poke_interval=timedelta(minutes=sensor["poke_interval_minutes"]).total_seconds(),
            timeout=timedelta(hours=sensor["timeout_hours"]).total_seconds(),
            mode="reschedule",
        )
    }
    for spec in PIPELINE["tasks"]:
        tasks[spec["id"]] = BashOperator(task_id=spec["id"], bash_command=command(spec), **limits(spec))
    for spec in PIPELINE["tasks"]:
        for upstream in spec["depends_on"]:
            tasks[upstream] >> tasks[spec["id"]]
