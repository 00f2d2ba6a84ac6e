from airflow.models import BaseOperator


class FileSensor(BaseOperator):
    template_fields = ("filepath",)

    def __init__(self, task_id, filepath, **kwargs):
        super().__init__(task_id, **kwargs)
        self.filepath = filepath
