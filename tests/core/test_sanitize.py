from core.sanitize import sanitize_html


def test_scripts_event_handlers_and_javascript_links_are_removed():
    dirty = (
        '<p onclick="steal()">Hi<script>alert(1)</script> '
        '<a href="javascript:alert(1)">x</a></p><iframe src=x></iframe>'
    )
    clean = sanitize_html(dirty)
    assert "<script" not in clean and "onclick" not in clean and "javascript:" not in clean and "<iframe" not in clean


def test_simple_formatting_and_safe_links_survive_with_rel_nofollow():
    clean = sanitize_html('<p><strong>Bold</strong> <em>it</em> <a href="https://example.org">link</a></p>')
    assert clean == (
        "<p><strong>Bold</strong> <em>it</em> "
        '<a href="https://example.org" rel="nofollow noopener noreferrer">link</a></p>'
    )
