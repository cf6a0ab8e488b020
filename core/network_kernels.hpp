#pragma once
// The score network's forward and backward passes over plain column-major buffers. They are
// compiled for the build's baseline and, in a build whose baseline lacks AVX-512 (the Debian
// package, x86-64-v3), a second time for x86-64-v4, chosen when the program starts: Eigen's
// float kernels at AVX-512 width run training about 1.3x and sampling 1.5x faster than at
// AVX2 width (docs/packaging.md). The second copy sees its own renamed Eigen, so nothing of
// it can stand in for the baseline's code on a processor without AVX-512; no Eigen type
// crosses this header.
#include <cstddef>

namespace symscore::kernels {

enum class Act { SiLU, Tanh, ReLU };

struct Layer {
    int in, out;
    std::size_t w, b;  // offsets of W (out x in, column-major) and b in the parameters
};

// One chunk of `cols` columns. Column-major blocks: the input is inputs x cols, hidden layer
// l is width x cols (h[l], and aux[l]: its sigmoid for SiLU, else null), the output is
// outputs x cols, d0 and d1 are widest x cols (each block's leading dimension is its row
// count, as in Network::Workspace).
struct Pass {
    const float* params;
    const Layer* layers;  // depth hidden layers, then the output layer
    int depth;
    Act act;
    int cols;
    float* input;
    int inputs;
    float* const* h;
    float* const* aux;
    int width;
    float* output;
    int outputs;
    float* d0;
    float* d1;
    int widest;
    const float* dOutput;  // backward: dLoss/dOutput, outputs x cols
    float* grad;           // backward: dLoss/dParameters, written (not added)
    float* dInput;         // backward, when not null: dLoss/dInput, inputs x cols
};

struct NetworkKernels {
    void (*forward)(const Pass&);
    void (*backward)(const Pass&);
    const char* name;  // "baseline" or "x86-64-v4"
};

// The copy for this processor, chosen once.
const NetworkKernels& networkKernels();
// Every copy this build holds (one, or two in a baseline build).
int networkKernelCount();
const NetworkKernels& networkKernelsAt(int index);
// Runs copy `index` from now on (tests compare the copies; -1: the processor's choice again).
// Not for use while a network computes.
void useNetworkKernels(int index);

}  // namespace symscore::kernels
