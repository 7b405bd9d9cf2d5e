"""Every input model's default factory is a Python function, never a built-in such as ``list``.

pydantic reads a default factory's signature when it builds a model, and a built-in's signature is parsed
from its text: the first such field of a process compiled the tokenizer's patterns (11 ms of every
command's start), each one after cost 0.26 ms. ``Field(default_factory=empty_list)`` does the same
work for the reader of a file (a fresh empty list for each instance) at no such cost.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from pydantic import BaseModel

import whipcount.io
from whipcount.io.input_base import empty_dict, empty_list
from whipcount.io.scenario_schema import ScenarioFile


def _models() -> list[type[BaseModel]]:
    for info in pkgutil.iter_modules(whipcount.io.__path__, "whipcount.io."):
        importlib.import_module(info.name)
    importlib.import_module("whipcount.web.api")
    seen: list[type[BaseModel]] = []
    todo = [BaseModel]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in seen:
                seen.append(sub)
                todo.append(sub)
    return [m for m in seen if m.__module__.startswith("whipcount.")]


MODELS = _models()


def test_the_sweep_finds_the_input_models() -> None:
    names = {m.__name__ for m in MODELS}
    assert {"ScenarioFile", "EventIn", "ConstitutionFile", "PopoloBundle", "SourceIn"} <= names


@pytest.mark.parametrize("model", MODELS, ids=lambda m: f"{m.__module__}.{m.__name__}")
def test_default_factories_are_python_functions(model: type[BaseModel]) -> None:
    for name, field in model.model_fields.items():
        factory = field.default_factory
        if factory is not None:
            assert inspect.isfunction(factory), f"{model.__name__}.{name}: default_factory={factory!r}"


def test_each_instance_gets_its_own_empty_list_and_mapping() -> None:
    assert empty_list() == [] and empty_list() is not empty_list()
    assert empty_dict() == {} and empty_dict() is not empty_dict()
    base = {"chamber": {"name": "X", "rules": "pk-na", "seats": 3, "as_of": "2020-01-01"},
            "parties": [{"id": "a", "name": "A", "seats": 3, "side": "government"}]}
    one, two = ScenarioFile.model_validate(base), ScenarioFile.model_validate(base)
    assert one.events == [] and one.events is not two.events
    one.events.append(None)  # type: ignore[arg-type]
    assert two.events == []
