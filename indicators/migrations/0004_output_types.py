from django.db import migrations

# The output types Thai research funders ask for; editable afterwards.
OUTPUT_TYPES = [
    ("policy_recommendation", "ข้อเสนอแนะเชิงนโยบาย", "Policy recommendation"),
    ("process_prototype", "ต้นแบบกระบวนการ", "Process prototype"),
    ("product_prototype", "ต้นแบบผลิตภัณฑ์/เทคโนโลยี", "Product or technology prototype"),
    ("journal_article", "บทความวิชาการ", "Journal article"),
    ("intellectual_property", "ทรัพย์สินทางปัญญา", "Intellectual property"),
    ("training_curriculum", "หลักสูตรการฝึกอบรม", "Training curriculum"),
    ("community_use", "การใช้ประโยชน์ในชุมชน/สังคม", "Community or social use"),
    ("other", "อื่น ๆ", "Other"),
]


def create_output_types(apps, schema_editor):
    OutputType = apps.get_model("indicators", "OutputType")
    for position, (code, name_th, name_en) in enumerate(OUTPUT_TYPES):
        OutputType.objects.get_or_create(
            code=code, defaults={"name_th": name_th, "name_en": name_en, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("indicators", "0003_framework")]
    operations = [migrations.RunPython(create_output_types, migrations.RunPython.noop)]
