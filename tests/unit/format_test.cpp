#include <gtest/gtest.h>

#include "core/gpu/format.hpp"

using namespace loom::gpu;

TEST(Format, UncompressedBytes) {
    EXPECT_EQ(image_bytes(VK_FORMAT_R8G8B8A8_UNORM, 1280, 720), 1280u * 720u * 4u);
    EXPECT_EQ(image_bytes(VK_FORMAT_R16G16B16A16_SFLOAT, 1920, 1080), 1920u * 1080u * 8u);
    EXPECT_EQ(image_bytes(VK_FORMAT_R32G32B32A32_SFLOAT, 3, 5), 3u * 5u * 16u);
    EXPECT_EQ(image_bytes(VK_FORMAT_R32_SFLOAT, 10, 10), 400u);
    EXPECT_EQ(image_bytes(to_vk(loom::Format::RGBA16F), 2, 2), 32u);
}

TEST(Format, BlockCompressedBytes) {
    // BC1: 8 bytes per 4x4 block; BC3/BC5/BC6H/BC7: 16.
    EXPECT_EQ(image_bytes(VK_FORMAT_BC1_RGBA_UNORM_BLOCK, 256, 256), 64u * 64u * 8u);
    EXPECT_EQ(image_bytes(VK_FORMAT_BC3_UNORM_BLOCK, 256, 256), 64u * 64u * 16u);
    EXPECT_EQ(image_bytes(VK_FORMAT_BC5_UNORM_BLOCK, 256, 256), 64u * 64u * 16u);
    EXPECT_EQ(image_bytes(VK_FORMAT_BC6H_UFLOAT_BLOCK, 256, 256), 64u * 64u * 16u);
    EXPECT_EQ(image_bytes(VK_FORMAT_BC7_SRGB_BLOCK, 256, 256), 64u * 64u * 16u);
    // Partial blocks round up: 5x5 is 2x2 blocks.
    EXPECT_EQ(image_bytes(VK_FORMAT_BC1_RGB_UNORM_BLOCK, 5, 5), 4u * 8u);
    EXPECT_EQ(image_bytes(VK_FORMAT_BC7_UNORM_BLOCK, 1, 1), 16u);
    EXPECT_TRUE(format_is_block_compressed(VK_FORMAT_BC4_UNORM_BLOCK));
    EXPECT_FALSE(format_is_block_compressed(VK_FORMAT_R8G8B8A8_UNORM));
}

TEST(Format, MipChainsSumLevels) {
    // 8x8 RGBA8 with 4 mips: 64 + 16 + 4 + 1 texels.
    EXPECT_EQ(image_bytes(VK_FORMAT_R8G8B8A8_UNORM, 8, 8, 4), (64u + 16u + 4u + 1u) * 4u);
    // BC1 8x8 with 4 mips: 4 blocks, then 1, 1, 1 (levels under 4x4 still take a block).
    EXPECT_EQ(image_bytes(VK_FORMAT_BC1_RGBA_UNORM_BLOCK, 8, 8, 4), (4u + 1u + 1u + 1u) * 8u);
    EXPECT_EQ(image_bytes(VK_FORMAT_R8G8B8A8_UNORM, 4, 4, 1, 6), 4u * 4u * 4u * 6u);
}
