#pragma once
// API.md's USER object, as the auth and admin routes answer it:
// {"id","first_name","last_name","username","email","twofa_enabled","verified","roles","permissions"}
#include <json/json.h>

#include "users/user_profile.hpp"

namespace t2o::users {

Json::Value user_json(const UserProfile& user);

}  // namespace t2o::users
