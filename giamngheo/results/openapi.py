"""The OpenAPI 3.1 description of the open data (hand-written: four read-only GET endpoints).

.ci/schemathesis.sh checks the running app against it with every check (seed 22)."""

from __future__ import annotations

from django.urls import reverse

FIGURES = {
    "total_households": {"type": ["integer", "null"], "description": "Tổng số hộ"},
    "poor": {"type": ["integer", "null"], "description": "Số hộ nghèo"},
    "poor_rate": {
        "type": ["number", "null"],
        "description": "Tỷ lệ hộ nghèo (%), tính từ số hộ, 2 chữ số thập phân",
    },
    "near_poor": {"type": ["integer", "null"], "description": "Số hộ cận nghèo"},
    "near_poor_rate": {"type": ["number", "null"], "description": "Tỷ lệ hộ cận nghèo (%)"},
    "escaped": {"type": ["integer", "null"], "description": "Số hộ thoát nghèo"},
    "newly_poor": {"type": ["integer", "null"], "description": "Số hộ nghèo phát sinh"},
    "reporting_units": {"type": "integer", "description": "Số đơn vị cấp xã có số liệu"},
}

PARAMS = {
    "nam": {
        "name": "nam",
        "in": "query",
        "required": False,
        "description": "Năm rà soát (mặc định: năm gần nhất có số liệu).",
        "schema": {"type": "integer", "minimum": 2000, "maximum": 2100},
    },
    "don-vi": {
        "name": "don-vi",
        "in": "query",
        "required": False,
        "description": "Mã định danh (id) đơn vị hành chính; mặc định: tỉnh của trang kết quả. "
        "Danh sách id: /du-lieu-mo/don-vi.json.",
        "schema": {"type": "integer", "minimum": 1, "maximum": 999_999_999_999},
    },
    "cau-truc": {
        "name": "cau-truc",
        "in": "query",
        "required": False,
        "description": "nam: theo địa giới của năm số liệu (mặc định); hien-nay: quy về địa "
        "giới hiện nay theo các quyết định sắp xếp đơn vị hành chính.",
        "schema": {"type": "string", "enum": ["nam", "hien-nay"]},
    },
    "sap-xep": {
        "name": "sap-xep",
        "in": "query",
        "required": False,
        "description": "Cột sắp xếp, thêm dấu - phía trước để sắp xếp giảm dần.",
        "schema": {
            "type": "string",
            "pattern": "^-?(ma|ten|tong-so-ho|ho-ngheo|ty-le-ngheo|ho-can-ngheo|"
            "ty-le-can-ngheo|thoat-ngheo|phat-sinh)$",
        },
    },
}


def openapi_document(request) -> dict:
    unit = {
        "type": ["object", "null"],
        "properties": {
            "id": {"type": "integer"},
            "code": {"type": "string", "description": "Mã đơn vị hành chính (Tổng cục Thống kê)"},
            "name": {"type": "string"},
            "level": {"type": "string", "enum": ["province", "district", "commune"]},
            "valid_from": {"type": ["string", "null"], "format": "date"},
            "valid_to": {"type": ["string", "null"], "format": "date"},
        },
    }
    source = {
        "type": "object",
        "properties": {
            "source": {"type": "string", "description": "Văn bản công bố số liệu"},
            "organisation": {"type": "string", "description": "Cơ quan công bố"},
            "as_of": {"type": "string", "format": "date", "description": "Số liệu tính đến ngày"},
            "is_sample": {"type": "boolean", "description": "Số liệu mẫu minh họa"},
        },
    }
    # Every error is this JSON body, whatever format (json, csv, xlsx) was asked for.
    problem = {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["errors"],
                "properties": {
                    "errors": {
                        "type": "array",
                        "minItems": 1,
                        "items": {
                            "type": "object",
                            "required": ["field", "message"],
                            "properties": {
                                "field": {"type": "string"},
                                "message": {"type": "string"},
                            },
                        },
                    }
                },
            }
        }
    }
    errors = {"description": "Tham số không hợp lệ", "content": problem}
    not_found = {
        "description": "Không có đơn vị này, đơn vị chưa có số liệu hoặc định dạng không được "
        "hỗ trợ",
        "content": problem,
    }
    figures = {"type": "object", "properties": FIGURES}
    file_formats = {
        "text/csv": {"schema": {"type": "string"}},
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
            "schema": {"type": "string", "format": "binary"}
        },
    }
    fmt = {
        "name": "fmt",
        "in": "path",
        "required": True,
        "description": "Định dạng: json, csv hoặc xlsx.",
        "schema": {"type": "string", "enum": ["json", "csv", "xlsx"]},
    }
    reviews = reverse("results:reviews", args=["FMT"]).replace("FMT", "{fmt}")
    years = reverse("results:years", args=["FMT"]).replace("FMT", "{fmt}")
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Dữ liệu mở: kết quả rà soát hộ nghèo, hộ cận nghèo",
            "version": "1.0.0",
            "description": "Số liệu công khai, tổng hợp theo đơn vị hành chính; chỉ đọc, không "
            "cần khóa. Tỷ lệ được tính từ số hộ. Mỗi số liệu kèm nguồn và ngày tính số liệu. "
            "Số liệu đánh dấu is_sample là số liệu mẫu minh họa, không phải số liệu chính thức.",
            "license": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
        },
        "servers": [{"url": request.build_absolute_uri("/").rstrip("/")}],
        "paths": {
            reviews: {
                "get": {
                    "operationId": "ra_soat_ho_ngheo",
                    "summary": "Kết quả rà soát của một năm, theo các đơn vị trực thuộc",
                    "parameters": [fmt, *PARAMS.values()],
                    "responses": {
                        "200": {
                            "description": "Bảng số liệu",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "properties": {
                                            "dataset": {"const": "ra-soat-ho-ngheo"},
                                            "title": {"type": "string"},
                                            "year": {"type": "integer"},
                                            "structure": {"enum": ["nam", "hien-nay"]},
                                            "structure_date": {
                                                "type": ["string", "null"],
                                                "format": "date",
                                            },
                                            "unit": unit,
                                            "as_of": {"type": ["string", "null"], "format": "date"},
                                            "is_sample": {"type": "boolean"},
                                            "note": {"type": "string"},
                                            "sources": {"type": "array", "items": source},
                                            "total": figures,
                                            "rows": {
                                                "type": "array",
                                                "items": {
                                                    "type": "object",
                                                    "properties": {
                                                        "unit": unit,
                                                        "parent": {"type": "string"},
                                                        **FIGURES,
                                                    },
                                                },
                                            },
                                        },
                                    }
                                },
                                **file_formats,
                            },
                        },
                        "400": errors,
                        "404": not_found,
                    },
                }
            },
            years: {
                "get": {
                    "operationId": "tong_hop_theo_nam",
                    "summary": "Tổng hợp theo năm của một đơn vị (địa giới của từng năm)",
                    "parameters": [fmt, PARAMS["don-vi"]],
                    "responses": {
                        "200": {
                            "description": "Bảng số liệu theo năm",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "properties": {
                                            "dataset": {"const": "tong-hop-theo-nam"},
                                            "unit": unit,
                                            "is_sample": {"type": "boolean"},
                                            "note": {"type": "string"},
                                            "rows": {
                                                "type": "array",
                                                "items": {
                                                    "type": "object",
                                                    "properties": {
                                                        "year": {"type": "integer"},
                                                        "as_of": {
                                                            "type": ["string", "null"],
                                                            "format": "date",
                                                        },
                                                        "sources": {
                                                            "type": "array",
                                                            "items": source,
                                                        },
                                                        **FIGURES,
                                                    },
                                                },
                                            },
                                        },
                                    }
                                },
                                **file_formats,
                            },
                        },
                        "400": errors,
                        "404": not_found,
                    },
                }
            },
            reverse("results:units"): {
                "get": {
                    "operationId": "don_vi",
                    "summary": "Các đơn vị có hiệu lực trong năm (id dùng cho tham số don-vi)",
                    "parameters": [PARAMS["nam"], PARAMS["don-vi"]],
                    "responses": {
                        "200": {
                            "description": "Danh sách đơn vị theo thứ tự cây",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "properties": {
                                            "year": {"type": ["integer", "null"]},
                                            "units": {
                                                "type": "array",
                                                "items": {
                                                    "type": "object",
                                                    "properties": {
                                                        "id": {"type": "integer"},
                                                        "code": {"type": "string"},
                                                        "name": {"type": "string"},
                                                        "level": {"type": "string"},
                                                        "parent_id": {"type": ["integer", "null"]},
                                                    },
                                                },
                                            },
                                        },
                                    }
                                }
                            },
                        },
                        "400": errors,
                        "404": not_found,
                    },
                }
            },
        },
    }
