-- Times leave the database one way: microseconds since the Unix epoch, which C++ formats
-- with its one formatter (shared/util/utc_time.hpp). epoch_us(created_at) in a SELECT.
CREATE FUNCTION epoch_us(moment timestamptz) RETURNS bigint
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN (extract(epoch FROM moment) * 1000000)::bigint;
