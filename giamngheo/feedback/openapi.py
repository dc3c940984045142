"""The OpenAPI 3 description of the Open311 GeoReport v2 endpoints, served at
``/open311/v2/openapi.json``.

Written by hand from the GeoReport v2 specification and feedback/open311.py; the JSON variant
of each endpoint is described (every path also answers in XML with the suffix ``.xml`` and the
same fields). tests/feedback/test_feedback_openapi.py fuzzes the running app against it with
schemathesis, so a change of the API that is not made here too fails the tests.
"""

from __future__ import annotations

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from .models import DESCRIPTION_MAX

CODE = {"type": "string", "pattern": r"^[A-Za-z0-9_-]{1,40}$"}
TRACKING = {"type": "string", "pattern": r"^[A-Za-z0-9_-]{1,40}$", "example": "PA-7K3M-9Q"}


def _nullable(schema: dict) -> dict:
    return {**schema, "nullable": True}


def _json(schema_ref: str, description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_ref}"}}},
    }


BAD_REQUEST = _json("Errors", "Missing or invalid parameter")
# The site-wide input check (core.middleware.NormaliseInputMiddleware) refuses a NUL byte in any
# parameter before the API sees the request, with the site's HTML error page.
BAD_REQUEST["content"]["text/html"] = {"schema": {"type": "string"}}
ERRORS = {
    "400": BAD_REQUEST,
    "404": _json("Errors", "Unknown service_code, request or token"),
}

SCHEMAS = {
    "Error": {
        "type": "object",
        "required": ["code", "description"],
        "properties": {"code": {"type": "integer"}, "description": {"type": "string"}},
    },
    "Errors": {"type": "array", "minItems": 1, "items": {"$ref": "#/components/schemas/Error"}},
    "Service": {
        "type": "object",
        "required": ["service_code", "service_name", "metadata", "type"],
        "properties": {
            "service_code": {"type": "string"},
            "service_name": {"type": "string"},
            "description": {"type": "string"},
            "metadata": {"type": "boolean"},
            "type": {"type": "string", "enum": ["realtime", "batch", "blackbox"]},
            "keywords": {"type": "string"},
            "group": {"type": "string"},
        },
    },
    "Services": {"type": "array", "items": {"$ref": "#/components/schemas/Service"}},
    "AttributeValue": {
        "type": "object",
        "required": ["key", "name"],
        "properties": {"key": {"type": "string"}, "name": {"type": "string"}},
    },
    "Attribute": {
        "type": "object",
        "required": ["variable", "code", "datatype", "required", "order", "description"],
        "properties": {
            "variable": {"type": "boolean"},
            "code": {"type": "string"},
            "datatype": {
                "type": "string",
                "enum": [
                    "string",
                    "number",
                    "datetime",
                    "text",
                    "singlevaluelist",
                    "multivaluelist",
                ],
            },
            "required": {"type": "boolean"},
            "datatype_description": {"type": "string"},
            "order": {"type": "integer"},
            "description": {"type": "string"},
            "values": {"type": "array", "items": {"$ref": "#/components/schemas/AttributeValue"}},
        },
    },
    "ServiceDefinition": {
        "type": "object",
        "required": ["service_code", "attributes"],
        "properties": {
            "service_code": {"type": "string"},
            "attributes": {"type": "array", "items": {"$ref": "#/components/schemas/Attribute"}},
        },
    },
    "ServiceRequest": {
        "type": "object",
        "required": ["service_request_id", "status", "service_code", "requested_datetime"],
        "properties": {
            "service_request_id": {"type": "string"},
            "status": {"type": "string", "enum": ["open", "closed"]},
            "status_notes": {"type": "string"},
            "service_name": {"type": "string"},
            "service_code": {"type": "string"},
            "description": {
                "type": "string",
                "description": "Only once the answer is published with the citizen's consent.",
            },
            "agency_responsible": {"type": "string"},
            "service_notice": {"type": "string"},
            "requested_datetime": {"type": "string", "format": "date-time"},
            "updated_datetime": _nullable({"type": "string", "format": "date-time"}),
            "expected_datetime": _nullable({"type": "string", "format": "date-time"}),
            "address": {"type": "string"},
            "address_id": {"type": "string"},
            "zipcode": {"type": "string"},
            "lat": _nullable({"type": "number"}),
            "long": _nullable({"type": "number"}),
            "media_url": {"type": "string"},
        },
        "additionalProperties": False,
    },
    "ServiceRequests": {"type": "array", "items": {"$ref": "#/components/schemas/ServiceRequest"}},
    "Created": {
        "type": "array",
        "minItems": 1,
        "maxItems": 1,
        "items": {
            "type": "object",
            "required": ["service_request_id", "service_notice"],
            "properties": {
                "service_request_id": {"type": "string"},
                "token": {"type": "string"},
                "service_notice": {"type": "string"},
                "account_id": _nullable({"type": "string"}),
            },
            "additionalProperties": False,
        },
    },
    "Tokens": {
        "type": "array",
        "minItems": 1,
        "items": {
            "type": "object",
            "required": ["service_request_id", "token"],
            "properties": {"service_request_id": {"type": "string"}, "token": {"type": "string"}},
            "additionalProperties": False,
        },
    },
    "NewRequest": {
        "type": "object",
        "description": (
            "A location is required, as GeoReport v2 says: lat and long, address_string or "
            "address_id (any one). A request whose commune cannot be told is filed all the same "
            "and named a commune by the lead department."
        ),
        "required": ["api_key", "service_code", "description"],
        "properties": {
            "api_key": {"type": "string", "maxLength": 200},
            "jurisdiction_id": {
                "type": "string",
                "maxLength": 60,
                "pattern": "^[^\\x00]*$",
                "description": "Accepted and ignored.",
            },
            "service_code": CODE,
            "lat": {"type": "number", "minimum": -90, "maximum": 90},
            "long": {"type": "number", "minimum": -180, "maximum": 180},
            "address_string": {"type": "string", "maxLength": 255},
            "address_id": {
                "type": "string",
                "maxLength": 16,
                "description": (
                    "A location. The code of a commune in force places the request in it; any "
                    "other identifier is kept with the request for the lead department's triage."
                ),
            },
            "attribute[commune]": {
                "type": "string",
                "maxLength": 16,
                "description": "Optional: the code of a commune in force (a wrong code is a 400).",
            },
            "attribute[kind]": {
                "type": "string",
                "enum": ["feedback", "recommendation", "question", "wrongdoing"],
            },
            "attribute[publish]": {"type": "string", "enum": ["true", "false"]},
            "email": {"type": "string", "format": "email", "maxLength": 254},
            "device_id": {"type": "string", "maxLength": 100},
            "account_id": {"type": "string", "maxLength": 100},
            "first_name": {"type": "string", "maxLength": 60},
            "last_name": {"type": "string", "maxLength": 60},
            "phone": {
                "type": "string",
                "maxLength": 20,
                "pattern": r"^(0[13-9][0-9]{8}|02[0-9]{9})?$",
                "description": "A Vietnamese mobile or landline number (refused otherwise).",
            },
            "description": {"type": "string", "minLength": 1, "maxLength": DESCRIPTION_MAX},
            "media_url": {
                "type": "string",
                "format": "uri",
                "maxLength": 500,
                "description": "Stored as a link; the server never fetches it.",
            },
            "idempotency_key": {"type": "string", "maxLength": 100, "pattern": "^[!-~]*$"},
        },
    },
}

JURISDICTION = {
    "name": "jurisdiction_id",
    "in": "query",
    "required": False,
    "description": "Accepted and ignored: one jurisdiction per installation.",
    "schema": {"type": "string", "maxLength": 60, "pattern": "^[^\\x00]*$"},
}


def document() -> dict:
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Open311 GeoReport v2 — phản ánh, kiến nghị",
            "version": "2",
            "description": (
                "GeoReport v2 (https://wiki.open311.org/GeoReport_v2). Every path also answers "
                "in XML with the suffix .xml. Errors are a list of {code, description}. "
                "GET responses never carry contact data. Dates are ISO 8601 with zone."
            ),
        },
        "paths": {
            "/open311/v2/services.json": {
                "get": {
                    "operationId": "services",
                    "parameters": [JURISDICTION],
                    "responses": {"200": _json("Services", "Service list"), "400": BAD_REQUEST},
                }
            },
            "/open311/v2/services/{service_code}.json": {
                "get": {
                    "operationId": "serviceDefinition",
                    "parameters": [
                        {"name": "service_code", "in": "path", "required": True, "schema": CODE},
                        JURISDICTION,
                    ],
                    "responses": {
                        "200": _json("ServiceDefinition", "Attributes of the service"),
                        **ERRORS,
                    },
                }
            },
            "/open311/v2/requests.json": {
                "get": {
                    "operationId": "requests",
                    "parameters": [
                        JURISDICTION,
                        {
                            "name": "service_request_id",
                            "in": "query",
                            "description": "Comma-separated tracking codes; overrides the rest.",
                            "schema": {"type": "string", "maxLength": 2000},
                        },
                        {"name": "service_code", "in": "query", "schema": CODE},
                        {
                            "name": "start_date",
                            "in": "query",
                            "schema": {"type": "string", "format": "date-time"},
                        },
                        {
                            "name": "end_date",
                            "in": "query",
                            "description": "At most 90 days after start_date (default: now).",
                            "schema": {"type": "string", "format": "date-time"},
                        },
                        {
                            "name": "status",
                            "in": "query",
                            "schema": {"type": "string", "enum": ["open", "closed"]},
                        },
                        {
                            "name": "page_size",
                            "in": "query",
                            "schema": {"type": "integer", "minimum": 1, "maximum": 200},
                        },
                    ],
                    "responses": {
                        "200": _json("ServiceRequests", "At most page_size requests, newest first"),
                        "400": ERRORS["400"],
                    },
                },
                "post": {
                    "operationId": "createRequest",
                    "parameters": [
                        {
                            "name": "Idempotency-Key",
                            "in": "header",
                            "required": False,
                            "schema": {"type": "string", "maxLength": 100},
                        }
                    ],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/x-www-form-urlencoded": {
                                "schema": {"$ref": "#/components/schemas/NewRequest"}
                            }
                        },
                    },
                    "responses": {
                        "201": _json("Created", "Filed"),
                        "200": _json("Created", "A retry with the same idempotency key"),
                        "403": _json("Errors", "Missing or wrong api_key"),
                        **ERRORS,
                    },
                },
            },
            "/open311/v2/requests/{service_request_id}.json": {
                "get": {
                    "operationId": "request",
                    "parameters": [
                        {
                            "name": "service_request_id",
                            "in": "path",
                            "required": True,
                            "schema": TRACKING,
                        },
                        JURISDICTION,
                    ],
                    "responses": {"200": _json("ServiceRequests", "One request"), **ERRORS},
                }
            },
            "/open311/v2/tokens/{token}.json": {
                "get": {
                    "operationId": "token",
                    "parameters": [
                        {"name": "token", "in": "path", "required": True, "schema": TRACKING},
                        JURISDICTION,
                    ],
                    "responses": {"200": _json("Tokens", "The request id of a token"), **ERRORS},
                }
            },
        },
        "components": {"schemas": SCHEMAS},
    }


@require_GET
def openapi_json(request):
    response = JsonResponse(document(), json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response
