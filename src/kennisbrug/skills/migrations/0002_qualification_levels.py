from django.db import migrations


def load(apps, schema_editor):
    from kennisbrug.skills.reference import load_qualification_levels

    load_qualification_levels(apps.get_model("skills", "QualificationLevel"))


class Migration(migrations.Migration):
    dependencies = [("skills", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
