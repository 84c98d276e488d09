# The tests scripts/sanitize.sh does not run, as a ctest regular expression
# (sourced by it and by test.sh, which runs them in build/ instead):
#   FullSyncOf100kProfiles           the 100k-profile sync, a volume test (133 s
#                                    sanitized); the other SYN tests run its paths;
#   helm/chart_env_starts_binaries   starts the binaries with `env -i`, without
#                                    the sanitizer options;
#   bench/                           the bench's unit tests and smoke: bench/ is
#                                    not part of the sanitized build.
# shellcheck disable=SC2034
unsanitized_tests='FullSyncOf100kProfiles|^helm/chart_env_starts_binaries$|^bench/'
