"""A stub of the few airflow modules the DAG imports, to compile it and read its task graph without Airflow."""
from airflow.models import DAG  # noqa: F401
