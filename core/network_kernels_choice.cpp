// Which copy of the network's passes runs (core/network_kernels.hpp): the x86-64-v4 copy when
// the build holds one (SYMSCORE_V4_KERNELS, core/CMakeLists.txt) and the processor has
// AVX-512, else the baseline's.
#include <array>
#include <atomic>

#include "core/network_kernels.hpp"

namespace symscore::kernels {

namespace baseline {
void forward(const Pass& x);
void backward(const Pass& x);
}  // namespace baseline
#ifdef SYMSCORE_V4_KERNELS
namespace v4 {
void forward(const Pass& x);
void backward(const Pass& x);
}  // namespace v4
#endif

namespace {
#ifdef SYMSCORE_V4_KERNELS
const std::array<NetworkKernels, 2> kCopies{{{baseline::forward, baseline::backward, "baseline"},
                                             {v4::forward, v4::backward, "x86-64-v4"}}};
#else
const std::array<NetworkKernels, 1> kCopies{{{baseline::forward, baseline::backward, "baseline"}}};
#endif

const NetworkKernels& processorsChoice() {
#ifdef SYMSCORE_V4_KERNELS
    __builtin_cpu_init();  // safe to ask before every constructor has run
    if (__builtin_cpu_supports("x86-64-v4")) return kCopies[1];
#endif
    return kCopies[0];
}

std::atomic<const NetworkKernels*> g_override{nullptr};  // useNetworkKernels
}  // namespace

const NetworkKernels& networkKernels() {
    if (const NetworkKernels* chosen = g_override.load(std::memory_order_relaxed)) return *chosen;
    static const NetworkKernels& processors = processorsChoice();
    return processors;
}

void useNetworkKernels(int index) {
    g_override.store(index < 0 ? nullptr : &kCopies.at(std::size_t(index)));
}

int networkKernelCount() { return int(kCopies.size()); }

const NetworkKernels& networkKernelsAt(int index) { return kCopies.at(std::size_t(index)); }

}  // namespace symscore::kernels
