#include "server/error_mapping.hpp"

#include "db/errors.hpp"
#include "errors/http_error.hpp"

namespace t2o {

MappedError map_exception(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const HttpError& http) {
    MappedError mapped{error_response(http.status(), http.what()), false, http.what()};
    for (const auto& header : http.headers) mapped.response.headers.push_back(header);
    mapped.unexpected = http.status() >= 500;
    return mapped;
  } catch (const db::UniqueViolation& unique) {
    return {error_response(409, "Resource already exists"), false, unique.what()};
  } catch (const db::DataException& data) {
    return {error_response(400, "Invalid value in request"), false, data.what()};
  } catch (const db::CheckViolation& check) {
    return {error_response(400, "Invalid value in request"), false, check.what()};
  } catch (const db::ForeignKeyViolation& reference) {
    return {error_response(404, "Referenced resource not found"), false, reference.what()};
  } catch (const db::SerializationFailure& busy) {
    return {error_response(503, "Service temporarily unavailable, please retry"), true, busy.what()};
  } catch (const db::ConnectionLost& lost) {
    return {error_response(503, "Service temporarily unavailable"), true, lost.what()};
  } catch (const std::exception& unexpected) {
    return {error_response(500, "Internal server error"), true, unexpected.what()};
  } catch (...) {
    return {error_response(500, "Internal server error"), true, "unknown exception"};
  }
}

}  // namespace t2o
