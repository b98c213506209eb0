from rest_framework import serializers


class CodeLabelSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]


class ActivitySerializer(serializers.Serializer):
    nace_version = serializers.CharField(help_text="NACE-BEL version: 2003, 2008 or 2025.")
    code = serializers.CharField(help_text="NACE-BEL code without dots, e.g. 62010.")
    classification = serializers.CharField(help_text="Main, secondary or ancillary activity.")
    label = serializers.CharField(  # type: ignore[assignment]
        help_text="The register's description (Dutch first)."
    )


class EnterpriseOutputSerializer(serializers.Serializer):
    number = serializers.CharField(source="formatted_number", help_text="e.g. 0403.170.701")
    name = serializers.CharField(help_text="Official name, Dutch first.")
    name_nl = serializers.CharField()
    name_fr = serializers.CharField()
    commercial_name = serializers.CharField()
    status = serializers.SerializerMethodField()
    legal_form = serializers.SerializerMethodField()
    start_date = serializers.DateField(allow_null=True)
    street = serializers.CharField()
    postcode = serializers.CharField()
    city = serializers.CharField()
    country = serializers.SerializerMethodField()
    nuts3 = serializers.CharField(source="nuts3_id", allow_null=True)
    website = serializers.CharField()
    activities = serializers.SerializerMethodField()
    sectors = serializers.SerializerMethodField()
    register_snapshot = serializers.SerializerMethodField()

    def get_status(self, obj) -> dict:
        return {"code": obj.status, "label": str(obj.get_status_display())}

    def get_country(self, obj) -> str:
        return "BE"

    @staticmethod
    def _details(obj) -> dict:
        return obj._details  # set by the view from the selectors

    def get_legal_form(self, obj) -> CodeLabelSerializer:
        return {"code": obj.legal_form, "label": self._details(obj)["legal_form"]}  # type: ignore[return-value]

    def get_activities(self, obj) -> ActivitySerializer(many=True):  # type: ignore[valid-type]
        return [
            {
                "nace_version": a.version,
                "code": a.code,
                "classification": a.classification,
                "label": a.label,
            }
            for a in self._details(obj)["activities"]
        ]

    def get_sectors(self, obj) -> CodeLabelSerializer(many=True):  # type: ignore[valid-type]
        return [{"code": s.code, "label": s.name} for s in self._details(obj)["sectors"]]

    def get_register_snapshot(self, obj) -> str | None:
        snapshot = self._details(obj)["snapshot"]
        return snapshot.isoformat() if snapshot else None
