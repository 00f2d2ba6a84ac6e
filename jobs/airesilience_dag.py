"""Airflow DAG for the nightly airesilience run.

Each task in jobs/pipeline.json becomes a BashOperator that calls ./submit.sh, so the same command a user runs by
hand runs in production. Set the Airflow Variables (or environment) AIRESILIENCE_HOME (the project checkout),
AIRESILIENCE_LAKE (the data-lake root, e.g. hdfs:///lake or /data/lake) and, for a cluster, SPARK_HOME plus
AIRESILIENCE_SPARK_ARGS (e.g. "--master yarn --deploy-mode cluster --num-executors 20").
"""
import json
import os
import shlex
from datetime import datetime, timedelta

from airflow import DAG
from airflow.models import Variable
from airflow.operators.bash import BashOperator


def _setting(name, default):
    return Variable.get(name, default_var=os.environ.get(name, default))


HOME = _setting("AIRESILIENCE_HOME", os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LAKE = _setting("AIRESILIENCE_LAKE", os.path.join(HOME, "data-lake"))
SPARK_ARGS = _setting("AIRESILIENCE_SPARK_ARGS", "")

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "pipeline.json"), encoding="utf-8") as f:
    PIPELINE = json.load(f)

with DAG(
    dag_id="airesilience_nightly",
    description=PIPELINE["description"],
    start_date=datetime(2026, 1, 1),
    schedule="@daily",
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 1, "retry_delay": timedelta(minutes=10)},
    tags=["airesilience"],
) as dag:
    tasks = {}
    for spec in PIPELINE["tasks"]:
        args = [a.replace("{lake}", LAKE) for a in spec["args"]]
        command = " ".join(
            [shlex.quote(os.path.join(HOME, "submit.sh")), spec["job"], SPARK_ARGS]
            + [shlex.quote(a) for a in args]
            + ["--report", shlex.quote(f"{LAKE}/reports/{spec['id']}-{{{{ ds_nodash }}}}.json")] * (spec["job"] == "ingest")
        )
        tasks[spec["id"]] = BashOperator(task_id=spec["id"], bash_command=command, cwd=HOME)
    for spec in PIPELINE["tasks"]:
        for upstream in spec["depends_on"]:
            tasks[upstream] >> tasks[spec["id"]]
