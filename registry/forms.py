"""Forms of the curator admin: the component form (tags as a comma list, JSON checked on save) and the two
small forms of the deprecation action and the search playground."""

import json

from django import forms
from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError

from registry.curation import check_replacement
from registry.models import AiSemanticComponent
from registry.search import MAX_LIMIT
from websites.errors import InvalidInput


class TagListField(forms.CharField):
    """A text array edited as "hero, intro": trimmed, lowercased, de-duplicated in order, blanks dropped."""

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list | tuple) else value

    def to_python(self, value) -> list[str]:
        if isinstance(value, list | tuple):
            value = ",".join(value)
        tags = (" ".join(tag.split()).lower() for tag in (value or "").split(","))
        return list(dict.fromkeys(tag for tag in tags if tag))


class PrettyJSONField(forms.JSONField):
    """JSON shown indented, so a curator can read and edit a schema in the textarea."""

    def __init__(self, *, rows: int = 6, **kwargs) -> None:
        kwargs.setdefault("widget", forms.Textarea(attrs={"class": "vLargeTextField", "rows": rows}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, forms.fields.InvalidJSONInput):
            return value
        return json.dumps(value, indent=2, ensure_ascii=False, cls=self.encoder)


def _json_object(value, *, name: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise forms.ValidationError(f"{name} must be a JSON object ({{...}}), not a {type(value).__name__}.")
    return value


class ComponentForm(forms.ModelForm):
    semantic_tags = TagListField(
        required=False,
        label="Tags",
        help_text="Comma-separated, e.g. hero, intro, call to action.",
        widget=forms.TextInput(attrs={"class": "vTextField"}),
    )
    deprecated = forms.BooleanField(required=False, help_text="Hidden from search and new pages.")
    props_schema = PrettyJSONField(rows=20, help_text="A JSON Schema (draft 2020-12) of the component's props.")
    context_adapters = PrettyJSONField(required=False, help_text="A JSON object.")
    data_capabilities = PrettyJSONField(required=False, help_text="A JSON object.")

    class Meta:
        model = AiSemanticComponent
        # Not the vector, nor what the sync and the renderer keep (ids, usage, timestamps).
        fields = (
            "display_name",
            "category",
            "semantic_type",
            "version",
            "semantic_tags",
            "description",
            "deprecated",
            "replacement_component_id",
            "props_schema",
            "context_adapters",
            "data_capabilities",
            "npm_package",
            "import_path",
            "preview_url",
            "bundle_size_kb",
            "render_performance",
            "core_web_vitals_impact",
        )
        widgets = {
            "import_path": forms.TextInput(attrs={"class": "vTextField"}),
            "preview_url": forms.TextInput(attrs={"class": "vTextField"}),
        }

    def clean_props_schema(self) -> dict:
        schema = _json_object(self.cleaned_data.get("props_schema"), name="props_schema")
        try:
            Draft202012Validator.check_schema(schema)
        except SchemaError as error:
            where = error.json_path if error.path else "the top level"
            raise forms.ValidationError(f"Not a valid JSON Schema: {error.message} (at {where}).") from error
        return schema

    def clean_context_adapters(self) -> dict:
        return _json_object(self.cleaned_data.get("context_adapters"), name="context_adapters")

    def clean_data_capabilities(self) -> dict:
        return _json_object(self.cleaned_data.get("data_capabilities"), name="data_capabilities")

    def clean_replacement_component_id(self) -> str | None:
        replacement_id = (self.cleaned_data.get("replacement_component_id") or "").strip()
        if not replacement_id:
            return None
        try:
            check_replacement(replacement_id, replacing=[self.instance.component_id])
        except InvalidInput as error:
            raise forms.ValidationError(error.message) from error
        return replacement_id


class ReplacementForm(forms.Form):
    replacement_id = forms.CharField(
        label="Replacement component id",
        max_length=255,
        help_text="The live component that pages should use instead, e.g. hero-split-image.",
    )


class PlaygroundForm(forms.Form):
    # No length limit here: the search itself says what is wrong with a query, in the API's words.
    query = forms.CharField(required=False, widget=forms.TextInput(attrs={"size": 60, "autofocus": True}))
    category = forms.ChoiceField(required=False)
    limit = forms.IntegerField(min_value=1, max_value=MAX_LIMIT, initial=10, required=False)

    def __init__(self, *args, categories: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", "All categories"), *((name, name) for name in categories)]
