"""Back office for the skills data (secretariat, read-only: the taxonomy and the labour
market come from imports, profiles belong to their owners)."""

from django.contrib import admin

from kennisbrug.core.admin import ReadOnlyModelAdmin

from .models import (
    BottleneckOccupation,
    EscoRelease,
    IscoGroup,
    Occupation,
    Profile,
    QualificationLevel,
    Skill,
    Training,
    TrainingParticipation,
    Vacancy,
    VacancyContact,
)


@admin.register(EscoRelease)
class EscoReleaseAdmin(ReadOnlyModelAdmin):
    pass


@admin.register(IscoGroup)
class IscoGroupAdmin(ReadOnlyModelAdmin):
    list_display = ["code", "label_nl", "label_en"]
    search_fields = ["code", "label_nl", "label_en"]


@admin.register(Skill)
class SkillAdmin(ReadOnlyModelAdmin):
    list_display = ["label_nl", "label_en", "skill_type", "is_demo"]
    list_filter = ["skill_type", "is_demo"]
    search_fields = ["label_nl", "label_en", "uri"]


@admin.register(Occupation)
class OccupationAdmin(ReadOnlyModelAdmin):
    list_display = ["label_nl", "label_en", "code", "is_demo"]
    list_filter = ["is_demo"]
    search_fields = ["label_nl", "label_en", "code", "uri"]


@admin.register(QualificationLevel)
class QualificationLevelAdmin(ReadOnlyModelAdmin):
    list_display = ["key", "eqf_level", "nlqf_level", "vks_level"]


@admin.register(BottleneckOccupation)
class BottleneckOccupationAdmin(ReadOnlyModelAdmin):
    list_display = ["occupation", "country", "province", "year", "category", "is_bottleneck"]
    list_filter = ["country", "year", "category", "is_bottleneck"]
    list_select_related = ["occupation"]


@admin.register(Training)
class TrainingAdmin(ReadOnlyModelAdmin):
    list_display = ["title", "provider", "level", "language", "mode"]
    list_filter = ["mode", "language"]
    search_fields = ["title"]


@admin.register(Vacancy)
class VacancyAdmin(ReadOnlyModelAdmin):
    list_display = ["title", "organisation", "occupation", "status"]
    list_filter = ["status"]
    search_fields = ["title"]


# Personal data of people seeking work: registered for superusers (the Secretariaat
# group gets no permission on them), so a data request can be answered.
@admin.register(Profile)
class ProfileAdmin(ReadOnlyModelAdmin):
    list_display = ["user", "country", "qualification_level", "created_at"]


@admin.register(TrainingParticipation)
class TrainingParticipationAdmin(ReadOnlyModelAdmin):
    list_display = ["training", "user", "status", "enrolled_at"]


@admin.register(VacancyContact)
class VacancyContactAdmin(ReadOnlyModelAdmin):
    list_display = ["vacancy", "profile", "status", "created_at"]
