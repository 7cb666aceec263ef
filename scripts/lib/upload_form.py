"""The GAS upload page's form, filled in the way a browser would: for the bench scripts (never judges speed)."""
import re
import uuid


def multipart(html, content, filename="bench.vcf"):
    """From the /annotate page's HTML and a file's bytes: (action URL, body, Content-Type) of the upload POST."""
    action = re.search(r'<form id="upload-form" method="post" action="([^"]+)"', html).group(1).replace("&amp;", "&")
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))
    fields.pop("__RequestVerificationToken", None)
    # the genome build is a select of redirects; its first option (detect from the header) is what the form sends by default
    build = re.search(r'<select id="upload-build" name="success_action_redirect">\s*<option value="([^"]+)"', html)
    if build:
        fields["success_action_redirect"] = build.group(1)
    boundary = uuid.uuid4().hex
    body = bytearray()
    for name, value in fields.items():
        body += f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value.replace("&amp;", "&")}\r\n'.encode()
    body += f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
    body += content + f"\r\n--{boundary}--\r\n".encode()
    return action, bytes(body), f"multipart/form-data; boundary={boundary}"
