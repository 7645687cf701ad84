# FEEDCARD_FUZZ: build the libFuzzer targets of tests/fuzz/ (clang only).
# Every object is compiled with coverage instrumentation for libFuzzer and
# with ASan+UBSan (UBSan aborts, so libFuzzer saves the input); the fuzz_<target>
# executables link libFuzzer itself (tests/CMakeLists.txt). tests/fuzz/run
# configures such a build in build-fuzz/.
option(FEEDCARD_FUZZ "Build the libFuzzer targets with ASan+UBSan (needs clang)" OFF)
if(FEEDCARD_FUZZ)
  if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang" OR NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "FEEDCARD_FUZZ needs clang: configure with CC=clang-14 CXX=clang++-14")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined
    -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
