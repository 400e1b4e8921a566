"""The service's own routes: the REST API (``api``) and operations (``health``)."""
