from django.contrib import admin

from .models import IndexChange, IndexVersion


@admin.register(IndexVersion)
class IndexVersionAdmin(admin.ModelAdmin):
    list_display = ["version", "rebuilt_at_version", "updated_at"]


@admin.register(IndexChange)
class IndexChangeAdmin(admin.ModelAdmin):
    list_display = ["version", "kind", "doc_id", "op", "created_at"]
    list_filter = ["kind", "op"]
