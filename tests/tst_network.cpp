// The score network and Adam: shapes, seeded initialization, gradient checks of every layer
// and activation (central differences against backward), the optimizer and its schedules.
#include <QtTest>
#include <cmath>

#include "core/network.hpp"
#include "core/optimizer.hpp"
#include "core/random.hpp"

using namespace symscore;

namespace {
NetworkShape smallShape(Activation act) {
    NetworkShape s;
    s.spatialInputs = 3;
    s.width = 7;
    s.depth = 3;
    s.fourier = 2;
    s.activation = act;
    return s;
}

// loss = sum_ij c_ij out_ij, in double, for the current parameters.
double linearLoss(const Network& net, Network::Workspace& ws, int cols,
                  const std::vector<float>& c) {
    net.forward(ws, cols);
    double l = 0.0;
    for (int i = 0; i < 2 * cols; ++i) l += double(c[std::size_t(i)]) * ws.output()[i];
    return l;
}

double relativeError(const std::vector<double>& a, const std::vector<double>& b) {
    double num = 0.0, den = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        num += (a[i] - b[i]) * (a[i] - b[i]);
        den += b[i] * b[i];
    }
    return std::sqrt(num / std::max(den, 1e-30));
}
}  // namespace

class TestNetwork : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void parameterCountMatchesTheReferenceNetwork() {
        NetworkShape s;  // 2 + 32 -> 3 x 128 -> 2
        Network net(s, 8.0, 1);
        QCOMPARE(net.parameterCount(),
                 std::size_t(34 * 128 + 128 + 2 * (128 * 128 + 128) + 128 * 2 + 2));
        QCOMPARE(net.frequencies().size(), std::size_t(16));
    }

    void initializationIsSeededAndBounded() {
        NetworkShape s;
        Network a(s, 4.0, 5), b(s, 4.0, 5), c(s, 4.0, 6);
        QVERIFY(std::equal(a.parameters().begin(), a.parameters().end(), b.parameters().begin()));
        QVERIFY(!std::equal(a.parameters().begin(), a.parameters().end(), c.parameters().begin()));
        // First layer: fan_in 34, so |w| <= 1/sqrt(34).
        for (std::size_t i = 0; i < 34 * 128; ++i)
            QVERIFY(std::abs(a.parameters()[i]) <= 1.0 / std::sqrt(34.0));
    }

    void gradientCheck_data() {
        QTest::addColumn<int>("activation");
        QTest::newRow("silu") << int(Activation::SiLU);
        QTest::newRow("tanh") << int(Activation::Tanh);
        QTest::newRow("relu") << int(Activation::ReLU);
    }
    void gradientCheck() {
        QFETCH(int, activation);
        const NetworkShape shape = smallShape(Activation(activation));
        Network net(shape, 1.0, 3);
        const int cols = 5;
        Network::Workspace ws(shape, 8);
        Rng rng(9);
        std::vector<float> c(2 * cols);
        for (float& v : c) v = float(rng.normal());
        std::vector<float> input(std::size_t(shape.inputs() * cols));
        for (float& v : input) v = float(rng.normal());
        auto load = [&] { std::copy(input.begin(), input.end(), ws.input()); };
        load();
        net.forward(ws, cols);
        std::vector<float> grad(net.parameterCount()), dInput(input.size());
        net.backward(ws, cols, c.data(), grad.data(), dInput.data());

        // Every parameter (weights and biases of every layer) by central differences.
        std::vector<double> numeric, analytic;
        auto params = net.parameters();
        const float h = 1e-2f;
        for (std::size_t i = 0; i < params.size(); ++i) {
            const float keep = params[i];
            params[i] = keep + h;
            load();
            const double up = linearLoss(net, ws, cols, c);
            params[i] = keep - h;
            load();
            const double down = linearLoss(net, ws, cols, c);
            params[i] = keep;
            numeric.push_back((up - down) / (2.0 * h));
            analytic.push_back(grad[i]);
        }
        QVERIFY2(relativeError(numeric, analytic) < 2e-3,
                 qPrintable(QString::number(relativeError(numeric, analytic))));

        std::vector<double> numIn, anaIn;
        for (std::size_t i = 0; i < input.size(); ++i) {
            const float keep = input[i];
            input[i] = keep + h;
            load();
            const double up = linearLoss(net, ws, cols, c);
            input[i] = keep - h;
            load();
            const double down = linearLoss(net, ws, cols, c);
            input[i] = keep;
            numIn.push_back((up - down) / (2.0 * h));
            anaIn.push_back(dInput[i]);
        }
        QVERIFY2(relativeError(numIn, anaIn) < 2e-3,
                 qPrintable(QString::number(relativeError(numIn, anaIn))));
    }

    void chunkedForwardMatchesOneColumnAtATime() {
        NetworkShape shape;
        Network net(shape, 4.0, 2);
        Network::Workspace big(shape, 64), one(shape, 1);
        Rng rng(1);
        for (int i = 0; i < shape.inputs() * 64; ++i) big.input()[i] = float(rng.normal());
        net.forward(big, 64);
        for (int c = 0; c < 64; c += 13) {
            std::copy(big.input() + c * shape.inputs(), big.input() + (c + 1) * shape.inputs(),
                      one.input());
            net.forward(one, 1);
            QVERIFY(std::abs(one.output()[0] - big.output()[2 * c]) < 1e-5f);
            QVERIFY(std::abs(one.output()[1] - big.output()[2 * c + 1]) < 1e-5f);
        }
    }

    // A build for a baseline without AVX-512 holds a second copy of the passes for
    // x86-64-v4 (core/network_kernels.hpp): every copy computes the same forward pass and
    // gradients, up to the rounding of a different vector width.
    void everyKernelCopyComputesTheSamePasses() {
        if (kernels::networkKernelCount() < 2)
            QSKIP("this build holds one copy of the network's passes (its -march)");
        NetworkShape shape;
        Network net(shape, 4.0, 3);
        const int cols = 100;
        Rng rng(5);
        std::vector<float> in(std::size_t(shape.inputs()) * cols), dOut(2 * cols);
        for (float& v : in) v = float(rng.normal());
        for (float& v : dOut) v = float(rng.normal());
        std::vector<std::vector<double>> outputs, grads;
        for (int k = 0; k < kernels::networkKernelCount(); ++k) {
            kernels::useNetworkKernels(k);
            Network::Workspace ws(shape, cols);
            std::copy(in.begin(), in.end(), ws.input());
            net.forward(ws, cols);
            outputs.emplace_back(ws.output(), ws.output() + 2 * cols);
            std::vector<float> g(net.parameterCount());
            net.backward(ws, cols, dOut.data(), g.data());
            grads.emplace_back(g.begin(), g.end());
        }
        kernels::useNetworkKernels(-1);
        for (std::size_t k = 1; k < outputs.size(); ++k) {
            QVERIFY2(relativeError(outputs[k], outputs[0]) < 1e-5,
                     kernels::networkKernelsAt(int(k)).name);
            QVERIFY2(relativeError(grads[k], grads[0]) < 1e-5,
                     kernels::networkKernelsAt(int(k)).name);
        }
    }

    void timeFeaturesAreSinAndCos() {
        NetworkShape shape;
        Network net(shape, 4.0, 2);
        std::vector<float> f(32);
        net.timeFeatures(0.3f, f.data());
        for (int k = 0; k < 16; ++k) {
            const double a = 2 * M_PI * net.frequencies()[std::size_t(k)] * 0.3;
            QVERIFY(std::abs(f[std::size_t(k)] - std::sin(a)) < 1e-4);
            QVERIFY(std::abs(f[std::size_t(16 + k)] - std::cos(a)) < 1e-4);
        }
    }

    void adamMinimizesAQuadratic() {
        std::vector<float> p{5.0f, -3.0f, 0.5f}, g(3);
        const std::vector<float> target{1.0f, 2.0f, -1.0f};
        Adam adam(3);
        for (int k = 0; k < 3000; ++k) {
            for (int i = 0; i < 3; ++i)
                g[std::size_t(i)] = 2 * (p[std::size_t(i)] - target[std::size_t(i)]);
            adam.step(p, g, 0.05 * (k < 2000 ? 1.0 : 0.1));
        }
        for (int i = 0; i < 3; ++i)
            QVERIFY(std::abs(p[std::size_t(i)] - target[std::size_t(i)]) < 1e-2);
    }

    void adamFirstStepHasTheLearningRateAsSize() {
        std::vector<float> p{0.0f, 0.0f}, g{3.0f, -0.001f};
        Adam adam(2);
        adam.step(p, g, 0.01);
        QVERIFY(std::abs(p[0] + 0.01f) < 1e-6f);
        QVERIFY(std::abs(p[1] - 0.01f) < 1e-4f);
    }

    void clippingScalesTheGradient() {
        std::vector<float> p{0.0f, 0.0f}, g{30.0f, 40.0f};
        Adam::Options o;
        o.gradClip = 1.0;
        Adam adam(2, o);
        QCOMPARE(adam.step(p, g, 0.01), 50.0);
        // m = (1 - beta1) * clipped g = 0.1 * (0.6, 0.8)
        QVERIFY(std::abs(adam.firstMoment()[0] - 0.06f) < 1e-6f);
        QVERIFY(std::abs(adam.firstMoment()[1] - 0.08f) < 1e-6f);
    }

    void schedules() {
        QCOMPARE(scheduledLearningRate(1e-3, LrSchedule::Constant, 500, 1000), 1e-3);
        QCOMPARE(scheduledLearningRate(1e-3, LrSchedule::Cosine, 0, 1001), 1e-3);
        QVERIFY(std::abs(scheduledLearningRate(1e-3, LrSchedule::Cosine, 500, 1001) - 5e-4) <
                1e-12);
        QVERIFY(scheduledLearningRate(1e-3, LrSchedule::Cosine, 1000, 1001) < 1e-15);
    }
};

QTEST_GUILESS_MAIN(TestNetwork)
#include "tst_network.moc"
