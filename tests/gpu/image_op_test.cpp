// The Image operator: a picture file fitted into the output, and files it cannot use.
#include <filesystem>
#include <fstream>

#include "core/io/image_io.hpp"
#include "tests/gpu/gpu_test.hpp"

namespace loom::test {
namespace {

namespace fs = std::filesystem;

class ImageOp : public ProjectFolderTest {
protected:
    // A 4x2 picture: left half red, right half blue.
    fs::path two_colour_png(const std::string& name) {
        io::Pixels px;
        px.width = 4;
        px.height = 2;
        px.rgba.resize(4 * 2 * 4);
        for (std::uint32_t y = 0; y < 2; ++y)
            for (std::uint32_t x = 0; x < 4; ++x) {
                float* p = &px.rgba[(y * 4 + x) * 4];
                p[0] = x < 2 ? 1.0f : 0.0f;
                p[2] = x < 2 ? 0.0f : 1.0f;
                p[3] = 1.0f;
            }
        const fs::path file = dir_ / name;
        EXPECT_TRUE(io::write_png(file, px).ok());
        return file;
    }
};

TEST_F(ImageOp, FitsThePictureByStretchContainOrCover) {
    const fs::path file = two_colour_png("two.png");
    auto& img = chain().add<Image>("img").file(file).size(16, 16).background({0, 1, 0, 1});
    const auto colour = [](const io::Pixels& px, std::uint32_t x, std::uint32_t y) {
        const float* p = px.at(x, y);
        return p[1] > 0.5f ? 'g' : p[0] > 0.5f ? 'r' : p[2] > 0.5f ? 'b' : '?';
    };
    // Contain: the 2:1 picture fills the width, 8 rows tall, with background above and below.
    img.fit(ImageFit::Contain);
    render();
    auto px = read("img");
    EXPECT_EQ(img.picture_size().width, 4u);
    EXPECT_EQ(colour(px, 1, 1), 'g');
    EXPECT_EQ(colour(px, 1, 8), 'r');
    EXPECT_EQ(colour(px, 14, 8), 'b');
    EXPECT_EQ(colour(px, 14, 14), 'g');
    // Cover: the full height, the sides cut: the outer columns are still red and blue.
    img.fit(ImageFit::Cover);
    render();
    px = read("img");
    EXPECT_EQ(colour(px, 0, 0), 'r');
    EXPECT_EQ(colour(px, 15, 15), 'b');
    EXPECT_EQ(colour(px, 6, 0), 'r');  // the middle half of the picture spans the whole width
    EXPECT_EQ(colour(px, 9, 0), 'b');
    // Stretch: everything, distorted.
    img.fit(ImageFit::Stretch);
    render();
    px = read("img");
    EXPECT_EQ(colour(px, 0, 0), 'r');
    EXPECT_EQ(colour(px, 7, 15), 'r');
    EXPECT_EQ(colour(px, 8, 15), 'b');
}

// A missing or corrupt file fails that operator with the file named and a fix; the rest of the
// chain runs, and naming a good file brings it back.
TEST_F(ImageOp, MissingOrCorruptFileFailsOnlyThatOperatorUntilAGoodOneIsGiven) {
    auto& img = chain().add<Image>("img").file(dir_ / "nope.png");
    chain().add<SolidColor>("other").color({0.5f, 0.5f, 0.5f, 1});
    chain().add<Composite>("out").inputs({"other", "img"});
    render();
    EXPECT_TRUE(img.failed());
    EXPECT_NE(img.error().find("nope.png"), std::string::npos) << img.error();
    EXPECT_NE(img.error().find("Fix:"), std::string::npos) << img.error();

    write("corrupt.png", "\x89PNG\r\n\x1a\n this is not a picture");
    img.file(dir_ / "corrupt.png");
    render();
    EXPECT_TRUE(img.failed());
    EXPECT_NE(img.error().find("corrupt.png"), std::string::npos) << img.error();

    img.file(two_colour_png("good.png"));
    render();
    EXPECT_FALSE(img.failed()) << img.error();
    EXPECT_EQ(img.picture_size().height, 2u);
}

}  // namespace
}  // namespace loom::test
