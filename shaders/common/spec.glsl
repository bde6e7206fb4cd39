// Values that choose a program's code path (a blend mode, a noise type, an input count), compiled
// in on a CPU device. llvmpipe runs both sides of every branch, also of one every invocation
// takes the same way, so there effects::ModeProgram builds a pipeline for each value in use with
// it set in specialization constants 0 and 1; a GPU leaves them at -1 and branches on the push
// constant, which costs it nothing.
//     int mode = LOOM_SPEC0(pc.mode);
// The values are never negative.
#ifndef LOOM_SPEC_GLSL
#define LOOM_SPEC_GLSL

layout(constant_id = 0) const int loom_spec0 = -1;
layout(constant_id = 1) const int loom_spec1 = -1;
#define LOOM_SPEC0(value) (loom_spec0 >= 0 ? loom_spec0 : (value))
#define LOOM_SPEC1(value) (loom_spec1 >= 0 ? loom_spec1 : (value))

#endif
