# Project-wide warnings (see STYLE.md); FEEDCARD_WERROR turns them into errors (CI).
# Two of them are C-only: the C++ glue file (src/tomldoc.cpp) gets the rest.
set(FEEDCARD_WARNINGS -Wall -Wextra -Wpedantic -Wshadow
    $<$<COMPILE_LANGUAGE:C>:-Wstrict-prototypes> $<$<COMPILE_LANGUAGE:C>:-Wmissing-prototypes>
    -Wformat=2 -Wwrite-strings -Wvla)
if(FEEDCARD_WERROR)
  list(APPEND FEEDCARD_WARNINGS -Werror)
endif()
if(FEEDCARD_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
