import pytest
from django.core.management import CommandError, call_command

from websites.api_clients import api_client_authenticate
from websites.models import ApiClient

pytestmark = pytest.mark.django_db


def test_prints_a_working_key_once_and_stores_only_its_hash(bakery, clinic, capsys):
    call_command("create_api_client", "cms", "--website", str(bakery.pk), "--website", str(clinic.pk))
    key = capsys.readouterr().out.strip().splitlines()[-1]
    client = ApiClient.objects.get(name="cms")
    assert api_client_authenticate(key) == client
    assert key not in client.key_hash
    assert set(client.websites.values_list("pk", flat=True)) == {bakery.pk, clinic.pk}
    assert client.all_websites is False


def test_all_websites_flag(capsys):
    call_command("create_api_client", "renderer", "--all-websites")
    assert ApiClient.objects.get(name="renderer").all_websites is True


def test_unknown_website_is_refused_and_nothing_is_created(bakery):
    with pytest.raises(CommandError, match="No website with id 424242"):
        call_command("create_api_client", "bad", "--website", "424242")
    assert not ApiClient.objects.filter(name="bad").exists()


def test_scope_is_required():
    with pytest.raises(CommandError, match="--all-websites"):
        call_command("create_api_client", "nowhere")


def test_duplicate_name_is_refused(capsys):
    call_command("create_api_client", "twice", "--all-websites")
    with pytest.raises(CommandError, match="already exists"):
        call_command("create_api_client", "twice", "--all-websites")


def test_the_publish_permission_is_off_unless_asked_for(bakery, capsys):
    call_command("create_api_client", "cms", "--website", str(bakery.pk))
    assert "submits drafts for review" in capsys.readouterr().out
    call_command("create_api_client", "publisher", "--website", str(bakery.pk), "--may-publish")
    assert "may publish directly" in capsys.readouterr().out
    assert ApiClient.objects.get(name="cms").may_publish is False
    assert ApiClient.objects.get(name="publisher").may_publish is True
