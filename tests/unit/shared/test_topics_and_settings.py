"""The topic registry and the settings every service shares."""

import pytest

from shared.contract import contract_models
from shared.settings import DEV_JWT_SECRET, ServiceSettings
from shared.topics import TOPICS, Visibility, dlq_topic, public_topics, topic


class _Demo(ServiceSettings):
    service_name = "demo"
    model_config = ServiceSettings.model_config | {"env_prefix": "STX_DEMO_"}


def test_topic_names_are_unique_and_versioned() -> None:
    names = [t.name for t in TOPICS]
    assert len(names) == len(set(names))
    assert all(t.name.endswith(".v1") for t in public_topics())


def test_every_event_model_publishes_to_a_registered_topic() -> None:
    for model in contract_models():
        assert topic(model.topic)


def test_personal_data_lives_only_on_internal_topics() -> None:
    internal = {t.name for t in TOPICS if t.visibility is Visibility.INTERNAL}
    for model in contract_models():
        fields = set(model.model_fields)
        if {"email", "phone"} & fields:
            assert model.topic in internal, model.ce_type


def test_each_consuming_service_has_a_dead_letter_topic() -> None:
    for service in ("listings", "matching", "notifications", "awards"):
        assert topic(dlq_topic(service)).visibility is Visibility.DLQ


def test_service_prefix_wins_over_the_common_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STX_KAFKA_BOOTSTRAP_SERVERS", "common:9092")
    assert _Demo().kafka_bootstrap_servers == "common:9092"
    monkeypatch.setenv("STX_DEMO_KAFKA_BOOTSTRAP_SERVERS", "own:9092")
    assert _Demo().kafka_bootstrap_servers == "own:9092"
    assert _Demo().database_name == "stx_demo"
    assert _Demo().consumer_group == "stx.demo"


def test_production_refuses_the_development_jwt_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STX_ENVIRONMENT", "prod")
    with pytest.raises(ValueError, match="STX_JWT"):
        _Demo()
    monkeypatch.setenv("STX_JWT_SECRET", "x" * 40)
    assert _Demo().jwt_secret.get_secret_value() != DEV_JWT_SECRET
