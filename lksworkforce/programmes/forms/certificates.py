"""Forms for the certificates part: checking a credential (pasted or as a file) and revoking a
certificate with a reason."""

from typing import Any

from django import forms

from lksworkforce.core.forms import VersionField
from lksworkforce.core.problems import Rejected
from lksworkforce.core.tabular import read_at_most
from lksworkforce.programmes import badges
from lksworkforce.programmes.services.certificates import MAX_REASON

PASTE_OR_FILE = "Paste the credential's JSON, or choose its file"


class VerifyForm(forms.Form):
    """A credential pasted or uploaded; `credential()` is what was sent, read within the limits."""

    credential = forms.CharField(required=False, strip=False, widget=forms.Textarea)
    file = forms.FileField(required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        upload, pasted = cleaned.get("file"), cleaned.get("credential") or ""
        try:
            if upload is not None:
                data: bytes | str = read_at_most(upload, max_bytes=badges.MAX_CREDENTIAL_BYTES, size=upload.size)
                field = "file"
            else:
                data, field = pasted, "credential"
        except Rejected:
            limit = badges.MAX_CREDENTIAL_BYTES // 1024
            self.add_error("file", f"The file is larger than {limit} KB: a credential from this service is far smaller")
            return cleaned
        if not data.strip():
            self.add_error("credential", PASTE_OR_FILE)
            return cleaned
        try:
            cleaned["document"] = badges.read_credential(data)
        except badges.CredentialRefusedError as refused:
            self.add_error(field, str(refused))
        return cleaned

    def document(self) -> dict[str, Any]:
        found: dict[str, Any] = self.cleaned_data["document"]
        return found


class RevokeForm(forms.Form):
    reason = forms.CharField(
        max_length=MAX_REASON,
        error_messages={
            "required": "Say why the certificate is revoked",
            "max_length": f"The reason can be at most {MAX_REASON} characters",
        },
    )
    edit_version = VersionField()
